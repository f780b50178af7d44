import json

import httpx
import pytest

from bot.rasa_client import RasaClient, RasaUnavailable, sender_id

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


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(503, text="starting"),
        httpx.Response(500, text="error"),
    ],
)
async def test_rasa_5xx_is_unavailable(answer: httpx.Response) -> None:
    transport = httpx.MockTransport(lambda request: answer)
    async with httpx.AsyncClient(transport=transport) as http:
        with pytest.raises(RasaUnavailable):
            await RasaClient(http, "http://rasa:5005").send("tg-x", "moi")


async def test_rasa_not_listening_is_unavailable() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    async with httpx.AsyncClient(transport=httpx.MockTransport(refuse)) as http:
        with pytest.raises(RasaUnavailable, match="ConnectError"):
            await RasaClient(http, "http://rasa:5005").send("tg-x", "moi")


async def test_a_4xx_is_an_error_not_an_outage() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(400, json={}))
    async with httpx.AsyncClient(transport=transport) as http:
        with pytest.raises(httpx.HTTPStatusError):
            await RasaClient(http, "http://rasa:5005").send("tg-x", "moi")


async def test_the_language_is_read_from_the_tracker_with_the_token() -> None:
    seen: list[httpx.Request] = []

    def rasa(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"slots": {"language": "sv", "situation": None}})

    async with httpx.AsyncClient(transport=httpx.MockTransport(rasa)) as http:
        assert await RasaClient(http, "http://rasa:5005/", "t0k").language("tg-x") == "sv"
    assert seen[0].url.path == "/conversations/tg-x/tracker"
    assert dict(seen[0].url.params) == {"include_events": "NONE", "token": "t0k"}


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(401, json={}),
        httpx.Response(200, json={"slots": {"language": None}}),
        httpx.Response(200, json={"slots": {"language": "de"}}),
        httpx.Response(200, text="not json"),
    ],
)
async def test_an_unknown_language_is_none(answer: httpx.Response) -> None:
    async with httpx.AsyncClient(transport=httpx.MockTransport(lambda r: answer)) as http:
        assert await RasaClient(http, "http://rasa:5005").language("tg-x") is None
