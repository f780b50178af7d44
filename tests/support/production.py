"""The production profile (`python -m deploy run`, what `make run-production` starts) on free
ports, with databases and a Redis key prefix of its own, for its tests and `make bench-load
BENCH_PROFILE=production`.

Nothing is mocked: PostgreSQL (127.0.0.1:5432), Redis (127.0.0.1:6379) and Debian's HAProxy
are the real ones, and the profile's own checks fail loudly, naming what is missing, when one
is not there. Its databases are dropped and its Redis keys deleted afterwards.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text

from tests.support.stack import APP_BIN, RASA_TOKEN, REPO, Stack, current_model, free_port

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432"
REDIS = ("127.0.0.1", 6379)
KINDS = ("rasa", "actions", "api")


def free_block(count: int) -> int:
    """A base port whose next `count` ports are free (instance N listens on base + N)."""
    for _ in range(50):
        base = free_port()
        if base + count < 65535 and all(_free(base + n) for n in range(1, count + 1)):
            return base
    raise RuntimeError(f"no {count} free ports in a row")


def _free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def redis_command(*parts: str) -> bytes:
    """One Redis command in its own protocol (the app environment has no Redis client)."""
    encoded = b"".join(b"$%d\r\n%s\r\n" % (len(p.encode()), p.encode()) for p in parts)
    with socket.create_connection(REDIS, timeout=5) as connection:
        connection.sendall(b"*%d\r\n" % len(parts) + encoded)
        return connection.recv(4096)


@dataclass
class ProductionProfile(Stack):
    """The profile's HAProxy frontends are the Stack's ports (rasa_port, actions_port,
    api_port), so the Stack's helpers (say, the staff helpers) go through HAProxy."""

    instances: int = 2
    # How long a Rasa server killed while it handled a message holds up its conversation
    # (Rasa's default is 60 s; the kill test's clients should not wait that long).
    lock_lifetime: int = 15
    stats_port: int = field(default_factory=free_port)
    name: str = field(default_factory=lambda: uuid.uuid4().hex[:10])
    bases: dict[str, int] = field(default_factory=dict)
    profile: subprocess.Popen[bytes] | None = None
    # The model the Rasa servers start with: a copy of `make model`'s, in the profile's
    # MODELS_DIR.
    first_model: Path = field(init=False)

    def __post_init__(self) -> None:
        self.bases = {kind: free_block(self.instances) for kind in KINDS}
        self.first_model = self.workdir / "models" / current_model().name

    @property
    def database_url(self) -> str:
        return f"{POSTGRES}/kohtaamo_{self.name}"

    @property
    def tracker_database_url(self) -> str:
        return f"{POSTGRES}/kohtaamo_tracker_{self.name}"

    @property
    def redis_prefix(self) -> str:
        return f"test{self.name}"

    def instance_url(self, kind: str, number: int) -> str:
        return f"http://127.0.0.1:{self.bases[kind] + number}"

    def env(self) -> dict[str, str]:
        """What `make run-production` gives `python -m deploy run`: the Makefile's exports, the
        stack's settings, and the profile's own ports, databases and folders."""
        return {
            **super().env(),
            "RASA_PORT": str(self.rasa_port),
            "ACTIONS_PORT": str(self.actions_port),
            "API_PORT": str(self.api_port),
            "HAPROXY_STATS_PORT": str(self.stats_port),
            **{f"{k.upper()}_INSTANCE_PORT_BASE": str(base) for k, base in self.bases.items()},
            **{f"{k.upper()}_INSTANCES": str(self.instances) for k in KINDS},
            "RASA_INTERFACE": "127.0.0.1",
            "ACTIONS_HOST": "127.0.0.1",
            "API_HOST": "127.0.0.1",
            "RASA_CORS": self.api_url,
            "RASA_MODEL": str(self.first_model),
            "DATABASE_URL": self.database_url,
            "TRACKER_DATABASE_URL": self.tracker_database_url,
            "REDIS_LOCK_DB": "0",
            "REDIS_LOCK_PREFIX": self.redis_prefix,
            "TICKET_LOCK_LIFETIME": str(self.lock_lifetime),
            "PRODUCTION_DIR": str(self.workdir / "production"),
            # Publishing writes FAQ_DIR's files and keeps models in MODELS_DIR: copies.
            "FAQ_DIR": str(self.workdir / "faq"),
            "MODELS_DIR": str(self.workdir / "models"),
            "WORK_DIR": str(self.workdir / "publisher"),
            "POLL_SECONDS": "0.5",
            "HEARTBEAT_SECONDS": "5",
        }

    def start_profile(self, timeout: float = 420) -> None:
        """`python -m deploy run`, then waits until HAProxy has every server up."""
        self.first_model.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(current_model(), self.first_model)
        shutil.copytree(REPO / "data" / "faq", self.workdir / "faq")
        with (self.workdir / "profile.log").open("ab") as log:
            self.profile = subprocess.Popen(
                [str(APP_BIN / "python"), "-m", "deploy", "run"],
                cwd=REPO,
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.wait_until_up(timeout)

    def log_tail(self, lines: int = 40) -> str:
        path = self.workdir / "profile.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def server_states(self) -> dict[str, str]:
        """HAProxy's view: `rasa/rasa-1` -> UP, DOWN, … (its statistics, as CSV)."""
        reply = httpx.get(f"http://127.0.0.1:{self.stats_port}/;csv", timeout=5)
        reply.raise_for_status()
        rows = csv.DictReader(io.StringIO(reply.text.lstrip("# ")))
        return {
            f"{row['pxname']}/{row['svname']}": row["status"]
            for row in rows
            if row["svname"] not in ("FRONTEND", "BACKEND")
        }

    def wait_until_up(self, timeout: float, servers: list[str] | None = None) -> None:
        wanted = servers or [f"{k}/{k}-{n}" for k in KINDS for n in range(1, self.instances + 1)]
        deadline = time.monotonic() + timeout
        states: dict[str, str] = {}
        while True:
            if self.profile is not None and self.profile.poll() is not None:
                raise RuntimeError(f"the production profile exited:\n{self.log_tail()}")
            with suppress(httpx.HTTPError):
                states = self.server_states()
                if all(states.get(server) == "UP" for server in wanted):
                    return
            if time.monotonic() > deadline:
                raise TimeoutError(f"not up after {timeout} s: {states}\n{self.log_tail()}")
            time.sleep(0.5)

    def supervisorctl(self, *args: str) -> str:
        conf = self.workdir / "production" / "supervisor" / "supervisord.conf"
        done = subprocess.run(
            [str(APP_BIN / "supervisorctl"), "-c", str(conf), *args],
            capture_output=True,
            text=True,
            check=False,
        )
        return done.stdout.strip()

    def kill_group(self, process: str) -> int:
        """SIGKILL to a process's whole group (its shell, the server, the output's sed), as
        when a machine or container dies; supervisord starts it again. The pid it had."""
        pid = int(self.supervisorctl("pid", process))
        os.killpg(pid, signal.SIGKILL)
        return pid

    def model_file(self, url: str) -> str | None:
        reply = httpx.get(f"{url}/status", params={"token": RASA_TOKEN}, timeout=10)
        reply.raise_for_status()
        name = reply.json().get("model_file")
        return str(name) if name else None

    def say_to(
        self, url: str, sender: str, message: str, metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """One message to one Rasa server itself (not through HAProxy)."""
        body = {"sender": sender, "message": message, "metadata": metadata or {}}
        reply = httpx.post(f"{url}/webhooks/rest/webhook", json=body, timeout=90)
        reply.raise_for_status()
        replies: list[dict[str, Any]] = reply.json()
        return replies

    def rows(self, sql: str, *params: object) -> list[dict[str, Any]]:
        """Rows of the API's PostgreSQL database; parameters in psycopg's style (%s)."""
        engine = create_engine(self.database_url)
        try:
            with engine.connect() as connection:
                found = connection.exec_driver_sql(sql, tuple(params))
                return [dict(row._mapping) for row in found]
        finally:
            engine.dispose()

    def stop(self) -> None:
        """Ctrl-C to supervisord (what `deploy run` became), then the databases and the
        Redis keys go."""
        if self.profile is not None and self.profile.poll() is None:
            self.profile.send_signal(signal.SIGINT)
            try:
                self.profile.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.profile.kill()
                self.profile.wait()
        admin = create_engine(f"{POSTGRES}/postgres", isolation_level="AUTOCOMMIT")
        with closing(admin.connect()) as connection:
            for url in (self.database_url, self.tracker_database_url):
                name = url.rsplit("/", 1)[1]
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        # Locks a killed server left behind; none stays in a shared Redis.
        script = "for _, k in ipairs(redis.call('keys', ARGV[1])) do redis.call('del', k) end"
        redis_command("EVAL", script, "0", f"{self.redis_prefix}:*")


@contextmanager
def running_profile(
    workdir: Path, settings: dict[str, str] | None = None, lock_lifetime: int = 15
) -> Iterator[ProductionProfile]:
    profile = ProductionProfile(workdir, settings=settings or {}, lock_lifetime=lock_lifetime)
    try:
        profile.start_profile()
        yield profile
    finally:
        profile.stop()
