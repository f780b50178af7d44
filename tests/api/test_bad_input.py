"""Bad input to the API's client endpoints: a clear 4xx, never a 500, nothing stored half;
markup a client wrote is shown escaped to the advisor."""

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.orm import MeetingAnswer, Proposal
from tests.api.client_meetings_helpers import answer, consent, conversation, create_meeting, redeem
from tests.api.conftest import SERVICE_HEADERS, MakeUser, login
from vocabulary.messages import MAX_MESSAGE_LENGTH

KEY = "web-bad-input"
MARKUP = '<script>alert("x")</script><img src=x onerror=alert(document.cookie)>'


@pytest.fixture
def meeting(client: TestClient, make_user: MakeUser) -> dict[str, str]:
    make_user("advisor")
    created = create_meeting(client, login(client, "advisor@example.org"))
    redeem(client, KEY, created["invite_code"])
    consent(client, KEY, True)
    return created


def stored(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(MeetingAnswer)) or 0


@pytest.mark.parametrize(
    "body",
    [
        b"{",
        b"\xff\xfe",
        b"[]",
        b"null",
        json.dumps({"section": "topics", "text": 5, "language": "fi"}).encode(),
        json.dumps({"section": "topics", "text": ["a"], "language": "fi"}).encode(),
        json.dumps({"section": "no-such", "text": "a", "language": "fi"}).encode(),
        json.dumps({"section": "topics", "text": "a", "language": "de"}).encode(),
        json.dumps({"section": "topics", "text": "", "language": "fi"}).encode(),
        json.dumps({"section": "topics", "text": "\x00\x01 ", "language": "fi"}).encode(),
        json.dumps({"section": "topics", "text": "x" * 10_001, "language": "fi"}).encode(),
        json.dumps(
            {"section": "topics", "text": "x" * (MAX_MESSAGE_LENGTH + 1), "language": "fi"}
        ).encode(),
    ],
)
def test_a_bad_answer_is_a_422_and_nothing_is_stored(
    client: TestClient, meeting: dict[str, str], db: Session, body: bytes
) -> None:
    reply = client.post(
        f"{conversation(KEY)}/meeting/answers",
        content=body,
        headers={**SERVICE_HEADERS, "Content-Type": "application/json"},
    )
    assert reply.status_code == 422, reply.text
    assert stored(db) == 0


@pytest.mark.parametrize(
    "text",
    [
        "😀👍🏽 emoji",
        "مرحبا، أريد أن أتحدث عن العمل",  # right to left
        "שלום \u200f עברית",
        "'; DROP TABLE meeting_answers; --",
        "Robert'); DELETE FROM meetings WHERE ('a'='a",  # the fake redactor masks digits
        MARKUP,
        "x" * MAX_MESSAGE_LENGTH,
    ],
)
def test_odd_but_valid_text_is_stored_as_written(
    client: TestClient, meeting: dict[str, str], db: Session, text: str
) -> None:
    assert answer(client, KEY, "topics", text)[0] == 201
    assert db.scalars(select(MeetingAnswer.text)).all() == [text]


def test_control_characters_are_dropped_and_unknown_fields_ignored(
    client: TestClient, meeting: dict[str, str], db: Session
) -> None:
    body = {"section": "topics", "text": "moi\x00\x07 kaikki", "language": "fi", "admin": True}
    reply = client.post(f"{conversation(KEY)}/meeting/answers", json=body, headers=SERVICE_HEADERS)
    assert reply.status_code == 201, reply.text
    assert db.scalars(select(MeetingAnswer.text)).all() == ["moi kaikki"]


def test_a_clients_markup_is_shown_escaped_to_the_advisor(
    client: TestClient, meeting: dict[str, str]
) -> None:
    answer(client, KEY, "topics", MARKUP)
    page = client.get(f"/advisor/meetings/{meeting['id']}")
    assert page.status_code == 200
    assert MARKUP not in page.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.text
    assert "<img src=x" not in page.text


def test_a_proposal_with_bad_fields_is_refused_whole(client: TestClient, db: Session) -> None:
    good = {"text": "idea", "theme": "other", "language": "fi", "channel": "web"}
    for bad in (
        {**good, "text": "\x00"},
        {**good, "theme": "<script>"},
        {**good, "channel": 7},
        {**good, "text": "x" * (MAX_MESSAGE_LENGTH + 1)},
    ):
        assert (
            client.post("/api/v1/proposals", json=bad, headers=SERVICE_HEADERS).status_code == 422
        )
    assert db.scalar(select(func.count()).select_from(Proposal)) == 0


def test_a_huge_conversation_key_is_refused(client: TestClient) -> None:
    reply = client.get(conversation("k" * 10_000) + "/meeting", headers=SERVICE_HEADERS)
    assert reply.status_code in (404, 414, 422)
