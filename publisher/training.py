"""What a publish trains on and how: the job's content as a Rasa project, `rasa train` in the
rasa environment, and the NLU check against the floors of scripts/bench_nlu.py.

The project is a folder of its own (the topic files, the generated FAQ data and responses, a
copy of the hand-written domain and training data), so the repository's files stay as they
are until the publish is live. Rasa runs from the repository with the training cache that
`make model` uses: components whose inputs did not change are restored from it, and the
sentence embeddings of unchanged examples are read from it (README: Publishing)."""

from __future__ import annotations

import json
import logging
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from api.services.faq.files import write_folder
from publisher.fingerprint import REPO, fingerprint
from publisher.settings import PublisherSettings

logger = logging.getLogger(__name__)

COMPONENT = re.compile(r"(Starting to train|Restored) component '([^']+)'")
EPOCH = re.compile(r"Epochs?\W+\d+%.*?(\d+)/(\d+)")
# The hand-written parts of the project: the generated FAQ files are made for each job.
DATA_PARTS = ("data/rules", *(f"data/nlu/{lang}" for lang in ("fi", "sv", "en")))


class TrainingFailed(Exception):
    """Training or the check could not run: the reason in the editor's words."""


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    missed: list[str]
    figures: dict[str, Any] = field(default_factory=dict)


Tick = Callable[[], bool]  # called every few seconds; False stops the process
OnLine = Callable[[str], None]


def run_process(
    args: list[str], *, env: dict[str, str], on_line: OnLine, tick: Tick, tick_seconds: float
) -> tuple[int, list[str]]:
    """Runs a process, giving each line of its output to `on_line` and calling `tick`
    at least every `tick_seconds` (the heartbeat), however quiet the process is; its exit
    code and its last lines."""
    with subprocess.Popen(  # noqa: S603 - our own interpreters and scripts
        args,
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    ) as process:
        lines: queue.Queue[str | None] = queue.Queue()
        output = process.stdout

        def read() -> None:
            for line in output or ():
                lines.put(line.rstrip("\n"))
            lines.put(None)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        tail: list[str] = []
        finished = False
        try:
            while not finished:
                try:
                    line = lines.get(timeout=tick_seconds)
                except queue.Empty:
                    line = ""
                if line is None:
                    finished = True
                elif line:
                    tail = [*tail[-40:], line]
                    on_line(line)
                if not tick():
                    raise TrainingFailed("stopped: the job is no longer this worker's")
        except BaseException:
            # Lost the job, or the worker stops (Ctrl-C, SIGTERM): no training left behind.
            process.kill()
            process.wait()
            raise
        finally:
            reader.join(timeout=5)
        return process.wait(), tail


@dataclass
class RasaTrainer:
    settings: PublisherSettings

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "RASA_TELEMETRY_ENABLED": "false",
            "RASA_CACHE_DIRECTORY": str(self.settings.rasa_cache_dir),
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        }

    def prepare(self, files: dict[str, str], project: Path) -> str:
        """Writes the project for these topic files; the fingerprint of its model."""
        if project.exists():
            shutil.rmtree(project)
        write_folder(project / "faq", files, set())
        for part in DATA_PARTS:
            shutil.copytree(REPO / part, project / part)
        (project / "domain").mkdir(parents=True)
        for path in sorted((REPO / "domain").glob("*.yml")):
            if not path.name.endswith(".generated.yml"):
                shutil.copy2(path, project / "domain" / path.name)
        build = subprocess.run(  # noqa: S603 - our own script
            [
                sys.executable,
                str(REPO / "scripts" / "build_faq.py"),
                "--faq-dir",
                str(project / "faq"),
                "--out",
                str(project),
                "--no-heldout",
            ],
            cwd=REPO,
            env=self.env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if build.returncode != 0:
            raise TrainingFailed(f"the Rasa data could not be made: {build.stderr.strip()[-500:]}")
        return fingerprint(REPO, generated=project)

    def train(
        self,
        project: Path,
        out: Path,
        name: str,
        *,
        finetune_from: Path | None,
        on_progress: Callable[[dict[str, Any]], None],
        tick: Tick,
    ) -> Path:
        """Trains the project's model into `out`/`name`.tar.gz."""
        args = [
            str(self.settings.rasa_python),
            "-m",
            "rasa_components.rasa_cli",
            "train",
            "--domain",
            str(project / "domain"),
            "--data",
            str(project / "data"),
            "--config",
            str(REPO / "config.yml"),
            "--out",
            str(out),
            "--fixed-model-name",
            name,
        ]
        if finetune_from is not None:
            args += [
                "--finetune",
                str(finetune_from),
                "--epoch-fraction",
                str(self.settings.epoch_fraction),
            ]

        def on_line(line: str) -> None:
            component = COMPONENT.search(line)
            epoch = EPOCH.search(line)
            if component:
                on_progress({"component": component.group(2)})
            elif epoch:
                on_progress({"epoch": int(epoch.group(1)), "epochs": int(epoch.group(2))})

        code, tail = run_process(
            args,
            env=self.env(),
            on_line=on_line,
            tick=tick,
            tick_seconds=self.settings.heartbeat_seconds,
        )
        model = out / f"{name}.tar.gz"
        if code != 0 or not model.is_file():
            logger.error("rasa train failed (%d):\n%s", code, "\n".join(tail[-15:]))
            raise TrainingFailed(f"training failed: {_last_error(tail)}")
        return model

    def check(self, model: Path, project: Path, *, tick: Tick) -> CheckResult:
        """The NLU check of scripts/bench_nlu.py on the held-out questions of the project's
        topics and the out-of-domain sets."""
        args = [
            str(self.settings.rasa_python),
            str(REPO / "scripts" / "bench_nlu.py"),
            "--model",
            str(model),
            "--json",
            "--faq-dir",
            str(project / "faq"),
            "--clinc",
            str(self.settings.clinc_dir),
            # The questions' embeddings do not depend on the model: kept between checks, beside
            # the training examples' (sentence_embeddings/ of the same cache).
            "--embedding-cache",
            str(self.settings.rasa_cache_dir / "nlu_check_embeddings"),
        ]
        code, tail = run_process(
            args,
            env=self.env(),
            on_line=lambda _line: None,
            tick=tick,
            tick_seconds=self.settings.heartbeat_seconds,
        )
        figures = next((_json(line) for line in reversed(tail) if "{" in line), None)
        if code != 0 or figures is None:
            raise TrainingFailed(f"the NLU check could not run: {_last_error(tail)}")
        return CheckResult(bool(figures["ok"]), list(figures["missed"]), figures)


def _json(line: str) -> dict[str, Any] | None:
    """The JSON object a line ends with (Rasa's warnings may leave a colour code before it)."""
    try:
        value = json.loads(line[line.index("{") :])
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _last_error(tail: list[str]) -> str:
    """The most telling line of a failed run (an exception's message, else the last line)."""
    for line in reversed(tail):
        if re.match(r"^[A-Za-z_.]+(Error|Exception): ", line):
            return line[-300:]
    return (tail[-1] if tail else "no output")[-300:]
