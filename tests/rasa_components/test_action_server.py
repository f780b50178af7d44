"""The action server on a free port, as the Procfile starts it: only Rasa's token opens it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import idempotency
from actions.settings import get_settings
from rasa_components import action_server
from vocabulary.deployment import UnsafeForProduction

REPO = Path(__file__).resolve().parents[2]
TOKEN = "test-actions-token-0123456789"
CALL: dict[str, Any] = {
    "next_action": "action_session_start",
    "sender_id": "made-up",
    "tracker": {"sender_id": "made-up", "slots": {}, "events": [], "latest_message": {}},
    "domain": {},
    "version": "3.6.2",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log = tmp_path_factory.mktemp("actions") / "actions.log"
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "ACTIONS_TOKEN": TOKEN,
        "WRITE_QUEUE_PATH": str(log.parent / "write-queue.db"),
    }
    args = [sys.executable, "-m", "rasa_components.action_server", "--actions", "actions"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*args, "--port", str(port)], cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the action server exited: {log.read_text()[-2000:]}")
            try:
                if requests.get(f"{url}/health", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(log.read_text()[-2000:])
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"X-Token": TOKEN}],
)
def test_an_unauthenticated_action_call_is_refused(server: str, headers: dict[str, str]) -> None:
    for path in ("/webhook", "/actions"):
        reply = requests.post(f"{server}{path}", json=CALL, headers=headers, timeout=10)
        assert reply.status_code == 401, (path, reply.text)
        assert reply.headers["WWW-Authenticate"] == "Bearer"


def test_rasas_token_runs_the_action(server: str) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    reply = requests.post(f"{server}/webhook", json=CALL, headers=headers, timeout=10)
    assert reply.status_code == 200, reply.text
    assert requests.get(f"{server}/actions", headers=headers, timeout=10).status_code == 200


def test_health_is_open_and_loopback_is_the_default(server: str) -> None:
    assert requests.get(f"{server}/health", timeout=10).json() == {"status": "ok"}
    assert action_server.argument_parser().parse_args([]).host == "127.0.0.1"


@pytest.fixture
def fresh_settings() -> Iterator[None]:
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.usefixtures("fresh_settings")
def test_production_refuses_the_default_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOHTAAMO_ENV", "production")
    monkeypatch.setenv("SERVICE_TOKEN", "s" * 32)
    monkeypatch.setenv("WRITE_QUEUE_KEY", "w" * 32)
    monkeypatch.delenv("ACTIONS_TOKEN", raising=False)
    monkeypatch.setattr(action_server, "run", lambda *a: pytest.fail("started"))
    with pytest.raises(SystemExit, match="ACTIONS_TOKEN"):
        action_server.main(["--actions", "actions"])
    monkeypatch.setenv("ACTIONS_TOKEN", "a" * 32)
    started: list[tuple[object, ...]] = []
    monkeypatch.setattr(action_server, "run", lambda *a: started.append(a))
    action_server.main(["--actions", "actions", "--port", "1"])
    assert started == [("actions", 1, "127.0.0.1", "a" * 32, None)]
    assert issubclass(UnsafeForProduction, RuntimeError)


@pytest.mark.usefixtures("fresh_settings")
def test_production_refuses_the_default_write_queue_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """The queue holds clients' words not yet redacted: its key is a secret like the others."""
    monkeypatch.setenv("KOHTAAMO_ENV", "production")
    monkeypatch.setenv("SERVICE_TOKEN", "s" * 32)
    monkeypatch.setenv("ACTIONS_TOKEN", "a" * 32)
    monkeypatch.delenv("WRITE_QUEUE_KEY", raising=False)
    monkeypatch.setattr(action_server, "run", lambda *a: pytest.fail("started"))
    with pytest.raises(SystemExit, match="WRITE_QUEUE_KEY"):
        action_server.main(["--actions", "actions"])


def test_more_than_one_worker_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACTION_SERVER_SANIC_WORKERS", "2")
    with pytest.raises(SystemExit, match="one worker"):
        action_server.run("actions", 1, "127.0.0.1", TOKEN)


@pytest.mark.anyio
async def test_the_executor_tells_the_api_client_which_run_it_serves() -> None:
    """The writes' idempotency keys come from the action run (actions/idempotency.py)."""
    seen: list[idempotency.ActionRun | None] = []

    class Probe(Action):
        def name(self) -> str:
            return "action_probe"

        async def run(
            self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
        ) -> list[dict[str, Any]]:
            seen.append(idempotency.CURRENT.get())
            return []

    executor = action_server.KeyedExecutor()
    executor.register_action(Probe)
    events = [{"event": "user", "text": "moi", "message_id": "m-7"}, {"event": "slot"}]
    tracker = {**CALL["tracker"], "events": events}
    await executor.run({**CALL, "next_action": "action_probe", "tracker": tracker})
    assert seen == [idempotency.ActionRun("made-up", "m-7", "action_probe", 1)]
    assert idempotency.CURRENT.get() is None  # only while the action runs
