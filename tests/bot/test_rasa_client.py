import json

import httpx
import pytest

from bot.rasa_client import RasaClient, sender_id

pytestmark = pytest.mark.anyio


def test_sender_id_is_a_keyed_hash_not_the_telegram_id() -> None:
    first = sender_id(123456789, "key-one")
    assert first.startswith("tg-")
    assert "123456789" not in first
    assert first == sender_id(123456789, "key-one")
    assert first != sender_id(123456789, "key-two")
    assert first != sender_id(123456780, "key-one")


async def test_send_posts_to_the_rest_channel() -> None:
    seen: list[httpx.Request] = []

    def rasa(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[{"recipient_id": "tg-x", "text": "Hei!"}])

    async with httpx.AsyncClient(transport=httpx.MockTransport(rasa)) as http:
        replies = await RasaClient(http, "http://rasa:5005").send("tg-x", "moi", {"a": 1})
    assert replies == [{"recipient_id": "tg-x", "text": "Hei!"}]
    assert str(seen[0].url) == "http://rasa:5005/webhooks/rest/webhook"
    assert json.loads(seen[0].content) == {"sender": "tg-x", "message": "moi", "metadata": {"a": 1}}
