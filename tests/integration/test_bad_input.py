"""Bad input at the real stack's doors: a clear answer, never a 500, nothing stored half."""

import json
import uuid

import httpx
import pytest

from tests.support.stack import RASA_TOKEN, Stack
from vocabulary.messages import MAX_MESSAGE_LENGTH, too_long_text

pytestmark = pytest.mark.integration


def webhook(stack: Stack) -> str:
    return f"{stack.rasa_url}/webhooks/rest/webhook"


def stored_events(stack: Stack, sender: str) -> list[dict[str, object]]:
    reply = httpx.get(
        f"{stack.rasa_url}/conversations/{sender}/tracker", params={"token": RASA_TOKEN}
    )
    reply.raise_for_status()
    events: list[dict[str, object]] = reply.json()["events"]
    return events


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_a_too_long_message_gets_the_limit_in_the_clients_language(
    stack: Stack, language: str
) -> None:
    sender = f"test-{uuid.uuid4().hex[:12]}"
    words = "Hei " * (MAX_MESSAGE_LENGTH // 4 + 1)
    replies = stack.say(sender, words, metadata={"language": language})
    assert replies == [{"recipient_id": sender, "text": too_long_text(language)}]  # type: ignore[arg-type]
    assert not [e for e in stored_events(stack, sender) if e["event"] == "user"]


@pytest.mark.parametrize(
    "raw",
    [
        b"{",
        b"\xff\xfe",
        b"[]",
        json.dumps({"sender": "s", "message": 5}).encode(),
        json.dumps({"sender": ["s"], "message": "moi"}).encode(),
        json.dumps({"sender": "s", "message": "moi", "metadata": "fi"}).encode(),
    ],
)
def test_a_malformed_body_is_a_400(stack: Stack, raw: bytes) -> None:
    reply = httpx.post(webhook(stack), content=raw, headers={"Content-Type": "application/json"})
    assert reply.status_code == 400, reply.text


def test_a_huge_body_is_refused_before_it_is_read(stack: Stack) -> None:
    body = {"sender": "s", "message": "x" * (2 << 20)}
    reply = httpx.post(webhook(stack), json=body, timeout=30)
    assert reply.status_code == 413


def test_odd_but_valid_text_is_answered(stack: Stack) -> None:
    sender = f"test-{uuid.uuid4().hex[:12]}"
    for text in (
        "moi\x00\x1b",
        "😀👍🏽",
        "مرحبا، أريد المساعدة",
        "<script>alert(1)</script>",
        "'; DROP TABLE events; --",
    ):
        replies = stack.say(sender, text, metadata={"language": "fi", "unknown": [1]})
        assert replies and all("text" in r or "buttons" in r for r in replies)
    texts = [e["text"] for e in stored_events(stack, sender) if e["event"] == "user"]
    assert "moi" in texts and not any("\x00" in str(t) for t in texts)


def test_the_action_server_refuses_a_call_without_rasas_token(stack: Stack) -> None:
    call = {"next_action": "action_session_start", "sender_id": "x", "tracker": {}, "domain": {}}
    reply = httpx.post(f"http://127.0.0.1:{stack.actions_port}/webhook", json=call)
    assert reply.status_code == 401
