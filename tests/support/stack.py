"""Starts the real Rasa server, action server and API on free ports, for tests and benchmarks.

Nothing is mocked: the processes are the ones `make run` starts, with a throw-away data
folder. A missing environment or model is an error, never a reason to skip.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[2]
RASA_BIN = REPO / ".venvs" / "rasa" / "bin" / "rasa"
RASA_PYTHON = RASA_BIN.with_name("python")
APP_BIN = REPO / ".venvs" / "app" / "bin"
RASA_TOKEN = "test-rasa-token"
# The API answers dated FAQ rules as on this day, so that the tests do not age.
FIXED_TODAY = "2026-02-15"
SERVICE_TOKEN = "test-service-token"
ACTIONS_TOKEN = "test-actions-token"
WRITE_QUEUE_KEY = "test-write-queue-key"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def current_model() -> Path:
    """The model `make model` trained for the current data (RASA_MODEL), else the newest one."""
    named = os.environ.get("RASA_MODEL")
    if named:
        path = REPO / named
        if not path.is_file():
            raise FileNotFoundError(f"RASA_MODEL={named} does not exist: run `make model`")
        return path
    models = sorted((REPO / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise FileNotFoundError("no trained model in models/: run `make model` first")
    return models[-1]


@dataclass
class Stack:
    workdir: Path
    rasa_port: int = field(default_factory=free_port)
    actions_port: int = field(default_factory=free_port)
    api_port: int = field(default_factory=free_port)
    # Where the browser tests serve a stand-in for the employment area's own site, which may
    # frame the chat page (EMBED_ORIGINS).
    site_port: int = field(default_factory=free_port)
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    # How each process was started, so that `restart` starts it the same way.
    commands: dict[str, tuple[list[str], Path, dict[str, str] | None]] = field(default_factory=dict)
    model: Path | None = None
    endpoints: Path | None = None
    # Settings of every process beyond the stack's own (e.g. MIN_GROUP).
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    @property
    def site_url(self) -> str:
        return f"http://127.0.0.1:{self.site_port}"

    def env(self) -> dict[str, str]:
        data = self.workdir / "var"
        data.mkdir(parents=True, exist_ok=True)
        return {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "RASA_TOKEN": RASA_TOKEN,
            "SERVICE_TOKEN": SERVICE_TOKEN,
            "ACTIONS_TOKEN": ACTIONS_TOKEN,
            "ACTIONS_PORT": str(self.actions_port),
            "API_URL": self.api_url,
            "RASA_URL": self.rasa_url,
            # The chat page served by the API posts to Rasa from the browser.
            "PUBLIC_RASA_URL": self.rasa_url,
            "PUBLIC_BASE_URL": self.api_url,
            "EMBED_ORIGINS": self.site_url,
            "DATABASE_URL": self.database_url,
            # Rasa's tracker store of start_all: the API purges old conversation logs there.
            "TRACKER_DATABASE_URL": f"sqlite:///{data / 'rasa-tracker.db'}",
            "TODAY": FIXED_TODAY,
            "RASA_TELEMETRY_ENABLED": "false",  # as the Makefile sets it
            # The action server's queue of writes the API could not take: in the stack's
            # folder; tried again after at most a few seconds, so a test need not wait long.
            "WRITE_QUEUE_PATH": str(self.write_queue_path),
            "WRITE_QUEUE_KEY": WRITE_QUEUE_KEY,
            "WRITE_RETRY_MAX_SECONDS": "3",
            **self.settings,
        }

    @property
    def write_queue_path(self) -> Path:
        return self.workdir / "var" / "write-queue.db"

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.workdir / 'var' / 'api.db'}"

    def start(
        self, name: str, args: list[str], cwd: Path = REPO, env: dict[str, str] | None = None
    ) -> None:
        for binary in (RASA_BIN, RASA_PYTHON, APP_BIN / "python"):
            if args[0] == str(binary) and not binary.exists():
                raise FileNotFoundError(f"{binary} is missing: run `make install`")
        self.commands[name] = (args, cwd, env)
        # The child keeps its own handle of the log; the parent's is closed at once.
        # Appended to: a process started again (Rasa after a stop) keeps one log.
        with (self.workdir / f"{name}.log").open("ab") as log:
            self.processes[name] = subprocess.Popen(
                args,
                cwd=cwd,
                env={**self.env(), **(env or {})},
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def migrate(self) -> None:
        subprocess.run(
            [str(APP_BIN / "alembic"), "-c", "api/alembic.ini", "upgrade", "head"],
            cwd=REPO,
            env=self.env(),
            check=True,
            capture_output=True,
        )

    def start_api(self) -> None:
        """The API alone, on a migrated database (the staff pages need no Rasa)."""
        self.start(
            "api",
            [
                str(APP_BIN / "python"),
                "-m",
                "uvicorn",
                "--factory",
                "api.main:create_app",
                "--port",
                str(self.api_port),
            ],
        )

    def start_all(self, model: Path | None = None) -> None:
        self.migrate()
        endpoints = self.workdir / "endpoints.yml"
        endpoints.write_text(
            f"action_endpoint:\n  url: http://127.0.0.1:{self.actions_port}/webhook\n"
            f"  headers:\n    Authorization: Bearer {ACTIONS_TOKEN}\n"
            "  enable_selective_domain: true\n"
            # The tracker store of endpoints.yml: clients' words stored only as redacted.
            f"tracker_store:\n"
            f"  type: rasa_components.redacting_tracker_store.RedactingSQLTrackerStore\n"
            f"  dialect: sqlite\n  db: {self.workdir / 'var' / 'rasa-tracker.db'}\n"
            f"  api_url: {self.api_url}\n  service_token: {SERVICE_TOKEN}\n"
        )
        self.start(
            "actions",
            [
                str(RASA_PYTHON),
                "-m",
                "rasa_components.action_server",
                "--actions",
                "actions",
                "--port",
                str(self.actions_port),
            ],
        )
        self.start_api()
        self.model, self.endpoints = model or current_model(), endpoints
        self.start_rasa(self.model, endpoints)
        self.wait_until_ready()

    def start_rasa(
        self, model: Path, endpoints: Path | None = None, cwd: Path = REPO, ours: bool = True
    ) -> None:
        # Ours runs as `make run` starts it (rasa_components/rasa_cli.py); Rasa's demo bot
        # (`ours=False`, bench-latency) as Rasa ships it.
        launcher = [str(RASA_PYTHON), "-m", "rasa_components.rasa_cli"] if ours else [str(RASA_BIN)]
        args = [
            *launcher,
            "run",
            "--model",
            str(model),
            "--port",
            str(self.rasa_port),
            "--enable-api",
            "--auth-token",
            RASA_TOKEN,
            "--credentials",
            str(REPO / "credentials.yml"),
            # The chat page (the API's origin) calls the REST channel from the browser.
            "--cors",
            self.api_url,
        ]
        if endpoints is not None:
            args += ["--endpoints", str(endpoints)]
        self.start("rasa", args, cwd=cwd)

    def wait_until_ready(self, timeout: float = 300, only: str | None = None) -> None:
        checks = {
            "rasa": f"{self.rasa_url}/status?token={RASA_TOKEN}",
            "actions": f"http://127.0.0.1:{self.actions_port}/health",
            "api": f"{self.api_url}/health",
        }
        deadline = time.monotonic() + timeout
        pending = {
            name: url
            for name, url in checks.items()
            if name in self.processes and only in (None, name)
        }
        while pending:
            for name, url in list(pending.items()):
                if self.processes[name].poll() is not None:
                    raise RuntimeError(f"{name} exited: see {self.workdir / (name + '.log')}")
                with suppress(httpx.HTTPError, ValueError):
                    reply = httpx.get(url, timeout=2)
                    # The API alone is ready when its database is: it reports Rasa missing.
                    alone = name == "api" and "rasa" not in self.processes
                    if reply.status_code == 200 or (alone and reply.json()["database"] == "ok"):
                        del pending[name]
            if time.monotonic() > deadline:
                raise TimeoutError(f"not ready after {timeout} s: {sorted(pending)}")
            time.sleep(0.5)

    def stop_process(self, name: str) -> None:
        """Stops one process (e.g. Rasa, to test how the others cope with it down)."""
        process = self.processes[name]
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def kill(self, name: str) -> None:
        """SIGKILL, as a crash or the kernel's OOM killer ends a process: no clean-up."""
        process = self.processes[name]
        process.kill()
        process.wait()

    def restart(self, name: str) -> None:
        """Starts a stopped or killed process again as it was started; waits until ready."""
        if self.processes[name].poll() is None:
            self.stop_process(name)
        args, cwd, env = self.commands[name]
        self.start(name, args, cwd=cwd, env=env)
        self.wait_until_ready(only=name)  # another part may be down on purpose

    def restart_rasa(self) -> None:
        """Starts Rasa again, on the same port, model and tracker store; waits until ready."""
        if self.model is None:
            raise RuntimeError("start_all() first")
        if self.processes["rasa"].poll() is None:
            self.stop_process("rasa")
        self.start_rasa(self.model, self.endpoints)
        self.wait_until_ready()

    def start_publisher(self, env: dict[str, str] | None = None) -> None:
        """`python -m publisher` (the training worker) against this stack's Rasa and
        database; its models and work folder under the stack's folder unless `env` says."""
        self.start(
            "publisher",
            [str(APP_BIN / "python"), "-m", "publisher"],
            env={
                "MODELS_DIR": str(self.workdir / "models"),
                "WORK_DIR": str(self.workdir / "publisher"),
                "POLL_SECONDS": "0.5",
                "HEARTBEAT_SECONDS": "5",
                **(env or {}),
            },
        )

    def start_telegram(self, api_base_url: str, env: dict[str, str] | None = None) -> None:
        """`python -m bot` (long polling) against a Telegram Bot API at `api_base_url`."""
        self.start(
            "telegram",
            [str(APP_BIN / "python"), "-m", "bot"],
            env={
                "TELEGRAM_API_BASE_URL": api_base_url,
                "TELEGRAM_CHAT_DB": str(self.workdir / "var" / "telegram-chats.db"),
                "TELEGRAM_PERSISTENCE_FILE": str(
                    self.workdir / "var" / "telegram-persistence.pickle"
                ),
                "TELEGRAM_WAITING_DB": str(self.workdir / "var" / "telegram-waiting.db"),
                "PUBLIC_BASE_URL": self.api_url,
                **(env or {}),
            },
        )

    def stop(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    def rows(self, sql: str, *params: object) -> list[dict[str, Any]]:
        """Rows of the API's database as they are stored: what a test checks was kept (and
        what was not) after a conversation."""
        with closing(sqlite3.connect(self.workdir / "var" / "api.db")) as db:
            db.row_factory = sqlite3.Row
            return [dict(row) for row in db.execute(sql, params)]

    def say(
        self, sender: str, text: str, metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        body = {"sender": sender, "message": text, "metadata": metadata or {}}
        reply = httpx.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, timeout=60)
        reply.raise_for_status()
        messages: list[dict[str, Any]] = reply.json()
        return messages


@contextmanager
def running_api(workdir: Path, settings: dict[str, str] | None = None) -> Iterator[Stack]:
    """Only the API, on its own migrated SQLite database, with these settings."""
    stack = Stack(workdir, settings=settings or {})
    try:
        stack.migrate()
        stack.start_api()
        stack.wait_until_ready()
        yield stack
    finally:
        stack.stop()


@contextmanager
def running_stack(workdir: Path) -> Iterator[Stack]:
    stack = Stack(workdir)
    try:
        stack.start_all()
        yield stack
    finally:
        stack.stop()
