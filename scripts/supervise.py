"""`make run`'s process manager: the Procfile's processes under supervisord.

    python scripts/supervise.py [--procfile Procfile] [--dir var/supervisor] NAME[=N] ...

`NAME=N` runs N instances of that line (supervisord's numprocs: `rasa-1`, `rasa-2`, …), each
with its number in `$INSTANCE` (from 1), from which its line takes its port
(deploy/Procfile.production, `make run-production`).

One process dying never takes the others down: supervisord restarts what died (after
`startsecs` of running it counts as started; `startretries` quick failures in a row and it
gives up on that one, saying so), and the rest keep running. Ctrl-C (SIGINT) or SIGTERM stops
them all. Each line of a process's output is prefixed with its name. The
Procfile stays the one list of commands (a deployment's systemd units or containers use the
same lines); its `$VARS` are expanded by /bin/sh from the environment `make run` sets.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# A process that ends its work by design (it says "Ready" and waits) is not restarted.
ONE_SHOT = {"ready"}
START_SECONDS = 5  # running this long counts as started
START_RETRIES = 5  # quick failures in a row before supervisord gives that process up


def read_procfile(path: Path) -> dict[str, str]:
    """name -> command, in the file's order (comments and blank lines skipped)."""
    commands: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, separator, command = line.partition(":")
        if not separator or not name.strip().isidentifier():
            raise ValueError(f"{path}: not a Procfile line: {line!r}")
        commands[name.strip()] = command.strip()
    return commands


# Where an instance's number goes in its label; supervisord fills %(process_num)d in.
NUMBER = "@INSTANCE@"


def parse_name(argument: str) -> tuple[str, int | None]:
    """`rasa=2` -> ("rasa", 2); `api` -> ("api", None), one process, not numbered (`api=1`
    is one numbered process, for a line that reads $INSTANCE)."""
    name, separator, count = argument.partition("=")
    if not separator:
        return name, None
    if not count.isdigit() or int(count) < 1:
        raise ValueError(f"not a number of instances: {argument!r}")
    return name, int(count)


def shown_width(name: str, instances: int | None) -> int:
    """How wide the process's name is on its output lines (`rasa-1`, `api`)."""
    return len(name) if instances is None else len(f"{name}-{instances}")


def program(name: str, command: str, width: int, instances: int | None = None) -> str:
    """One [program:…] section: the command through /bin/sh (the Procfile's `$VARS`), its
    output and errors prefixed with the name on supervisord's own standard output.
    `instances`: that many numbered processes of the line, each with `$INSTANCE`."""
    padding = " " * (width - shown_width(name, instances))
    label = f"{name}{padding} | " if instances is None else f"{name}-{NUMBER}{padding} | "
    prefix = shlex.quote(f"s/^/{label}/")
    shell = f"{command} 2>&1 | sed -u {prefix}"
    # ConfigParser interpolates %(...)s: a literal percent sign is written twice.
    line = shlex.join(["/bin/sh", "-c", shell]).replace("%", "%%")
    line = line.replace(NUMBER, "%(process_num)d")
    restart = "false" if name in ONE_SHOT else "true"
    numbered = (
        []
        if instances is None
        else [
            f"numprocs={instances}",
            "numprocs_start=1",
            "process_name=%(program_name)s-%(process_num)d",
            'environment=INSTANCE="%(process_num)d"',
        ]
    )
    return "\n".join(
        [
            f"[program:{name}]",
            f"command={line}",
            *numbered,
            f"directory={REPO}",
            f"autorestart={restart}",
            f"startsecs={0 if name in ONE_SHOT else START_SECONDS}",
            f"startretries={START_RETRIES}",
            # The whole group (sh, the server, sed): a stopped process leaves no child behind.
            "stopasgroup=true",
            "killasgroup=true",
            "stopwaitsecs=20",
            "stdout_logfile=/dev/stdout",
            "stdout_logfile_maxbytes=0",
            "redirect_stderr=true",
            "",
        ]
    )


def config(commands: dict[str, str], arguments: list[str], folder: Path) -> str:
    """supervisord's configuration for these processes (`NAME` or `NAME=N`)."""
    wanted = [parse_name(argument) for argument in arguments]
    unknown = [name for name, _ in wanted if name not in commands]
    if unknown:
        raise ValueError(f"not in the Procfile: {', '.join(unknown)}")
    width = max(shown_width(name, instances) for name, instances in wanted)
    head = "\n".join(
        [
            "[supervisord]",
            "nodaemon=true",
            f"logfile={folder / 'supervisord.log'}",
            f"pidfile={folder / 'supervisord.pid'}",
            f"childlogdir={folder}",
            "loglevel=warn",
            "",
            "[unix_http_server]",
            f"file={folder / 'supervisor.sock'}",
            "chmod=0700",
            "",
            "[rpcinterface:supervisor]",
            "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
            "",
            "[supervisorctl]",
            f"serverurl=unix://{folder / 'supervisor.sock'}",
            "",
        ]
    )
    return head + "\n".join(
        program(name, commands[name], width, instances) for name, instances in wanted
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "names", nargs="+", help="the Procfile's processes to run; NAME=N: N instances of one"
    )
    parser.add_argument("--procfile", type=Path, default=REPO / "Procfile")
    parser.add_argument("--dir", type=Path, default=REPO / "var" / "supervisor")
    parser.add_argument("--write-only", action="store_true", help="write the config, no start")
    args = parser.parse_args(argv)
    folder = args.dir.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "supervisord.conf"
    path.write_text(config(read_procfile(args.procfile), args.names, folder), encoding="utf-8")
    if args.write_only:
        print(path)
        return 0
    # Every child inherits this environment (make's exports); Python output is not buffered.
    os.environ["PYTHONUNBUFFERED"] = "1"
    supervisord = Path(sys.executable).with_name("supervisord")
    os.execv(supervisord, [str(supervisord), "-c", str(path)])  # noqa: S606 - no shell wanted
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
