"""Webhook mode, as `python -m bot` runs it when TELEGRAM_WEBHOOK_URL is set: it registers
the webhook with its secret, and answers the updates Telegram posts to it."""

import json
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.bot.conftest import SENDER_KEY
from tests.bot.fake_telegram import TOKEN, FakeTelegram
from tests.bot.stubs import RASA_TOKEN, SERVICE_TOKEN, StubApi, StubRasa
from tests.support.stack import APP_BIN, REPO, free_port

SECRET = "webhook-test-secret"


@pytest.fixture
def webhook_bridge(
    telegram: FakeTelegram, rasa: StubRasa, api: StubApi, tmp_path: Path
) -> Iterator[str]:
    """`python -m bot` in webhook mode; the webhook's local URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": telegram.base_url,
        "RASA_URL": rasa.url,
        "RASA_TOKEN": RASA_TOKEN,
        "API_URL": api.url,
        "SERVICE_TOKEN": SERVICE_TOKEN,
        "SENDER_ID_KEY": SENDER_KEY,
        "TELEGRAM_CHAT_DB": str(tmp_path / "chats.db"),
        "TELEGRAM_PERSISTENCE_FILE": str(tmp_path / "persistence.pickle"),
        "TELEGRAM_WAITING_DB": str(tmp_path / "waiting.db"),
        "TELEGRAM_WEBHOOK_URL": url,  # as Telegram would call it (no proxy here)
        "TELEGRAM_WEBHOOK_LISTEN": "127.0.0.1",
        "TELEGRAM_WEBHOOK_PORT": str(port),
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
    }
    with (tmp_path / "bot.log").open("wb") as log:
        process = subprocess.Popen(
            [str(APP_BIN / "python"), "-m", "bot"], cwd=REPO, env=env, stdout=log, stderr=log
        )
    try:
        deadline = time.monotonic() + 30
        while not telegram.calls_of("setWebhook"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((tmp_path / "bot.log").read_text())
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def update(update_id: int, user_id: int, text: str) -> dict[str, object]:
    user = {"id": user_id, "is_bot": False, "first_name": "Webhook", "language_code": "fi"}
    chat = {"id": user_id, "type": "private", "first_name": "Webhook"}
    message = {"message_id": 1, "date": int(time.time()), "chat": chat, "from": user, "text": text}
    return {"update_id": update_id, "message": message}


def test_webhook_mode_registers_the_webhook_and_answers_its_updates(
    webhook_bridge: str, telegram: FakeTelegram, rasa: StubRasa
) -> None:
    [registered] = telegram.calls_of("setWebhook")
    assert registered.params["url"] == webhook_bridge
    assert registered.params["secret_token"] == SECRET
    assert registered.params["allowed_updates"] == ["message", "callback_query"]
    assert not telegram.calls_of("getUpdates")

    forged = httpx.post(webhook_bridge, json=update(1, 601, "moi"), timeout=10)
    assert forged.status_code == 403
    posted = httpx.post(
        webhook_bridge,
        content=json.dumps(update(2, 601, "moi")),
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"},
        timeout=10,
    )
    assert posted.status_code == 200
    assert telegram.wait_for_messages(601, 1, timeout=20) == ["echo: moi"]
    assert rasa.messages() == ["moi"]


# Whatever comes with the secret and is not an update (bot.webhook): 400, never a 5xx, and the
# bridge answers on.
@pytest.mark.parametrize(
    "body",
    [
        b"[]",
        b'{"update_id": "x"}',
        json.dumps({"update_id": 3, "message": 5}).encode(),
        b"not json",
        b"\xff\xfe",
    ],
)
def test_a_malformed_webhook_update_is_refused_and_the_bridge_answers_on(
    webhook_bridge: str, telegram: FakeTelegram, rasa: StubRasa, body: bytes
) -> None:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
    bad = httpx.post(webhook_bridge, content=body, headers=headers, timeout=10)
    assert bad.status_code == 400
    good = httpx.post(
        webhook_bridge, content=json.dumps(update(4, 602, "hei")), headers=headers, timeout=10
    )
    assert good.status_code == 200
    assert telegram.wait_for_messages(602, 1, timeout=20) == ["echo: hei"]


def test_production_mode_refuses_to_start_with_default_secrets(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "KOHTAAMO_ENV": "production",
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_CHAT_DB": str(tmp_path / "chats.db"),
    }
    done = subprocess.run(
        [str(APP_BIN / "python"), "-m", "bot"], cwd=REPO, env=env, capture_output=True, timeout=60
    )
    assert done.returncode != 0
    assert b"SENDER_ID_KEY" in done.stderr and b"local-" not in done.stderr
