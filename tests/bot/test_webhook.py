"""bot.webhook: the web server for Telegram's updates answers every request plainly; only a
real update, with the secret, reaches the Application's queue."""

import json
from typing import Any

import httpx
import pytest
from telegram import Update

from bot.telegram_io import TelegramLimits, tolerant_bot
from bot.webhook import SECRET_HEADER, webhook_app

pytestmark = pytest.mark.anyio

SECRET = "a-webhook-secret"
URL = "http://bridge.test/telegram/hook"


def update(update_id: int, text: str) -> dict[str, Any]:
    user = {"id": 7001, "is_bot": False, "first_name": "Testi"}
    chat = {"id": 7001, "type": "private"}
    message = {"message_id": 1, "date": 1764748800, "chat": chat, "from": user, "text": text}
    return {"update_id": update_id, "message": message}


@pytest.fixture
def queued() -> list[Update]:
    return []


@pytest.fixture
def client(queued: list[Update]) -> httpx.AsyncClient:
    bot = tolerant_bot("123:abc", "http://telegram.invalid/bot", 100, TelegramLimits(1, 0.1, 0.1))

    async def put(item: Update) -> None:
        queued.append(item)

    app = webhook_app("telegram/hook", SECRET, bot, put, max_bytes=10_000)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app))


async def post(client: httpx.AsyncClient, body: bytes, secret: str = SECRET) -> httpx.Response:
    headers = {SECRET_HEADER: secret, "Content-Type": "application/json"}
    return await client.post(URL, content=body, headers=headers)


async def test_an_update_with_the_secret_is_queued(
    client: httpx.AsyncClient, queued: list[Update]
) -> None:
    reply = await post(client, json.dumps(update(5, "moi")).encode())
    assert reply.status_code == 200
    [taken] = queued
    assert taken.update_id == 5 and taken.message is not None and taken.message.text == "moi"


@pytest.mark.parametrize("secret", ["", "wrong", SECRET + "x"])
async def test_without_the_secret_nothing_is_taken(
    client: httpx.AsyncClient, queued: list[Update], secret: str
) -> None:
    reply = await post(client, json.dumps(update(6, "moi")).encode(), secret=secret)
    assert reply.status_code == 403
    assert queued == []


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"\xff\xfe\x00",  # not UTF-8
        b"[]",
        b"null",
        b'"text"',
        b'{"update_id": "x"}',
        json.dumps({"update_id": 3, "message": 5}).encode(),
        b'{"update_id": 1, "message": {"chat": {}}}',
    ],
)
async def test_what_is_not_an_update_gets_400(
    client: httpx.AsyncClient, queued: list[Update], body: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    reply = await post(client, body)
    assert reply.status_code == 400
    assert queued == []
    assert all(body.decode(errors="replace") not in r.getMessage() for r in caplog.records if body)


async def test_a_body_larger_than_any_update_gets_413(
    client: httpx.AsyncClient, queued: list[Update]
) -> None:
    reply = await post(client, json.dumps(update(8, "x" * 20_000)).encode())
    assert reply.status_code == 413
    assert queued == []


async def test_other_paths_and_methods_are_not_served(client: httpx.AsyncClient) -> None:
    assert (await client.get(URL)).status_code == 405
    assert (await client.post("http://bridge.test/other", content=b"{}")).status_code == 404
