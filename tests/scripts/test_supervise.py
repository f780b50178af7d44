"""scripts/supervise.py: the Procfile read, the config written, and a real supervisord that
starts again a process killed with SIGKILL while the others keep running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# scripts/ holds programs, not a package: their folder is on the path, as when they run.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from supervise import REPO, config, parse_name, read_procfile

SUPERVISE = REPO / "scripts" / "supervise.py"


def test_the_procfile_of_the_repository_is_read_in_order() -> None:
    commands = read_procfile(REPO / "Procfile")
    assert list(commands)[:3] == ["rasa", "actions", "api"]
    assert commands["api"].startswith(".venvs/app/bin/uvicorn")


def test_a_line_that_is_not_a_process_is_refused(tmp_path: Path) -> None:
    procfile = tmp_path / "Procfile"
    procfile.write_text("# a comment\n\nweb: serve\nnot a line\n")
    with pytest.raises(ValueError, match="not a Procfile line"):
        read_procfile(procfile)


def test_each_process_restarts_with_its_name_on_its_lines(tmp_path: Path) -> None:
    commands = {"api": 'run --port "$API_PORT" 100%', "ready": "python ready.py"}
    written = config(commands, ["api", "ready"], tmp_path)
    api = written.split("[program:api]")[1].split("[program:")[0]
    assert "autorestart=true" in api and "startsecs=5" in api
    assert "stopasgroup=true" in api and "killasgroup=true" in api
    assert "100%%" in api  # ConfigParser would read a single % as interpolation
    assert "s/^/api   | /" in api
    ready = written.split("[program:ready]")[1]
    assert "autorestart=false" in ready  # it says "Ready" and waits: nothing to restart
    with pytest.raises(ValueError, match="not in the Procfile: telegram"):
        config(commands, ["api", "telegram"], tmp_path)


def test_numbered_instances_run_one_line_each_with_its_number(tmp_path: Path) -> None:
    commands = {"rasa": 'serve --port "$((BASE + INSTANCE))"', "haproxy": "haproxy"}
    written = config(commands, ["rasa=2", "haproxy"], tmp_path)
    rasa = written.split("[program:rasa]")[1].split("[program:")[0]
    assert "numprocs=2" in rasa and "numprocs_start=1" in rasa
    assert "process_name=%(program_name)s-%(process_num)d" in rasa
    assert 'environment=INSTANCE="%(process_num)d"' in rasa
    # Each instance's lines say which one it is; the names line up with the others'.
    assert "s/^/rasa-%(process_num)d  | /" in rasa  # as wide as "haproxy"
    assert "s/^/haproxy | /" in written.split("[program:haproxy]")[1]
    assert parse_name("api") == ("api", None) and parse_name("api=1") == ("api", 1)
    for wrong in ("rasa=0", "rasa=two"):
        with pytest.raises(ValueError, match="not a number of instances"):
            parse_name(wrong)


def pid_of(folder: Path, name: str) -> int | None:
    path = folder / f"{name}.pid"
    return int(path.read_text()) if path.is_file() and path.read_text().strip() else None


def wait_until(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {seconds} s: {what}")
        time.sleep(0.2)


@pytest.fixture
def supervised(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[bytes]]]:
    """supervisord with two long-running processes that write their pid and keep going."""
    folder = tmp_path / "run"
    folder.mkdir()
    loop = (
        "import os, time, pathlib; pathlib.Path({!r}).write_text(str(os.getpid())); time.sleep(600)"
    )
    procfile = tmp_path / "Procfile"
    procfile.write_text(
        "".join(
            f'{name}: {sys.executable} -c "{loop.format(str(folder / (name + ".pid")))}"\n'
            for name in ("first", "second")
        )
    )
    process = subprocess.Popen(
        [sys.executable, str(SUPERVISE), "--procfile", str(procfile), "--dir", str(folder),
         "first", "second"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        yield folder, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)  # as Ctrl-C in `make run`
            process.wait(timeout=30)


def test_a_killed_process_is_started_again_and_the_others_keep_running(
    supervised: tuple[Path, subprocess.Popen[bytes]],
) -> None:
    folder, supervisor = supervised
    wait_until(lambda: bool(pid_of(folder, "first") and pid_of(folder, "second")), 30, "start")
    first, second = pid_of(folder, "first"), pid_of(folder, "second")
    assert first is not None and second is not None
    os.kill(first, signal.SIGKILL)
    wait_until(lambda: pid_of(folder, "first") not in (None, first), 30, "first started again")
    assert pid_of(folder, "second") == second
    os.kill(second, 0)  # still running: raises if it is not
    assert supervisor.poll() is None


def test_ctrl_c_stops_every_process(supervised: tuple[Path, subprocess.Popen[bytes]]) -> None:
    folder, supervisor = supervised
    wait_until(lambda: bool(pid_of(folder, "first") and pid_of(folder, "second")), 30, "start")
    pids = [pid_of(folder, "first"), pid_of(folder, "second")]
    supervisor.send_signal(signal.SIGINT)
    supervisor.wait(timeout=30)

    def gone(pid: int | None) -> bool:
        try:
            os.kill(pid or 0, 0)
        except ProcessLookupError:
            return True
        return False

    wait_until(lambda: all(gone(pid) for pid in pids), 30, "every process stopped")


def test_each_numbered_instance_runs_with_its_own_number(tmp_path: Path) -> None:
    """A real supervisord: two instances of one line, each writing its $INSTANCE."""
    folder = tmp_path / "run"
    folder.mkdir()
    procfile = tmp_path / "Procfile"
    write = f"import os, pathlib, time; pathlib.Path({str(folder)!r}, 'i' + os.environ['INSTANCE'] + '.pid').write_text(str(os.getpid())); time.sleep(600)"  # noqa: E501
    procfile.write_text(f'worker: {sys.executable} -c "{write}"\n')
    process = subprocess.Popen(
        [sys.executable, str(SUPERVISE), "--procfile", str(procfile), "--dir", str(folder),
         "worker=2"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_until(lambda: bool(pid_of(folder, "i1") and pid_of(folder, "i2")), 30, "both")
        assert pid_of(folder, "i1") != pid_of(folder, "i2")
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
