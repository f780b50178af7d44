"""The outbox: an advisor's reminder is queued for the client's chat, and the channel (the
Telegram bridge, with the service token) fetches it and marks it delivered."""

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.repositories import outbox
from tests.api.client_meetings_helpers import create_meeting, redeem
from tests.api.conftest import SERVICE_HEADERS, START, Clock, MakeUser, login

TG_KEY = "tg-0123456789abcdef0123456789abcdef"
OUTBOX = "/api/v1/outbox"


@pytest.fixture
def csrf(client: TestClient, make_user: MakeUser) -> dict[str, str]:
    make_user("advisor", name="Aino Neuvoja")
    return login(client, "advisor@example.org")


def remind(client: TestClient, meeting_id: str, csrf: dict[str, str]) -> tuple[int, dict[str, Any]]:
    reply = client.post(f"/api/v1/meetings/{meeting_id}/reminder", headers=csrf)
    body: dict[str, Any] = reply.json()
    return reply.status_code, body


def test_a_reminder_is_queued_fetched_by_the_channel_and_marked_delivered(
    client: TestClient, csrf: dict[str, str], clock: Clock
) -> None:
    meeting = create_meeting(client, csrf, language="fi")
    assert redeem(client, TG_KEY, meeting["invite_code"])[0] == 200

    status, queued = remind(client, meeting["id"], csrf)
    assert status == 202, queued
    assert queued["text"].startswith("Muistutus: tapaamisesi on to 3.12. klo 10.00.")
    assert queued["delivered_at"] is None

    pending = client.get(OUTBOX, params={"channel": "telegram"}, headers=SERVICE_HEADERS).json()
    assert [
        (m["id"], m["conversation_key"], m["text"], m["purpose"], m["step"]) for m in pending
    ] == [(queued["id"], TG_KEY, queued["text"], "reminder", None)]
    clock.advance(timedelta(minutes=1))
    done = client.post(f"{OUTBOX}/{queued['id']}/delivered", headers=SERVICE_HEADERS)
    assert done.status_code == 204
    assert client.post(f"{OUTBOX}/{queued['id']}/delivered", headers=SERVICE_HEADERS).is_success
    assert client.get(OUTBOX, params={"channel": "telegram"}, headers=SERVICE_HEADERS).json() == []
    assert client.post(f"{OUTBOX}/999/delivered", headers=SERVICE_HEADERS).status_code == 404


def test_the_telegram_channel_gets_only_telegram_conversations(
    client: TestClient, db: Session
) -> None:
    outbox.add(db, "rest-abc", "for the web", now=START)
    outbox.add(db, "tg_x", "not a tg- key", now=START)
    first = outbox.add(db, "tg-a", "first", now=START)
    second = outbox.add(db, "tg-b", "second", now=START)
    pending = client.get(OUTBOX, params={"channel": "telegram"}, headers=SERVICE_HEADERS).json()
    assert [m["id"] for m in pending] == [first.id, second.id]  # oldest first
    assert client.get(OUTBOX, params={"channel": "sms"}, headers=SERVICE_HEADERS).status_code == 422


def test_the_outbox_takes_the_service_token_only(client: TestClient, csrf: dict[str, str]) -> None:
    """A staff cookie (even with its CSRF token) is no service token."""
    assert client.get(OUTBOX, params={"channel": "telegram"}, headers=csrf).status_code == 401
    assert client.post(f"{OUTBOX}/1/delivered", headers=csrf).status_code == 401


def test_a_pilot_invitation_names_itself_and_one_for_email_is_no_chats(
    client: TestClient, db: Session
) -> None:
    chat = outbox.add_pilot_invitation(
        db, "tg-a", "", pilot_invitation_id="inv-1", by_email=False, now=START
    )
    outbox.add_pilot_invitation(
        db, "tg-b", "Kokeilu", pilot_invitation_id="inv-2", by_email=True, now=START
    )
    db.commit()
    pending = client.get(OUTBOX, params={"channel": "telegram"}, headers=SERVICE_HEADERS).json()
    assert [(m["id"], m["purpose"], m["step"], m["pilot_invitation_id"]) for m in pending] == [
        (chat.id, "pilot_invitation", None, "inv-1")
    ]
    reminder = outbox.add(db, "tg-c", "Muistutus", now=START)
    pending = client.get(OUTBOX, params={"channel": "telegram"}, headers=SERVICE_HEADERS).json()
    assert pending[-1]["id"] == reminder.id and pending[-1]["purpose"] == "reminder"
    assert pending[-1]["pilot_invitation_id"] is None


def test_two_bridges_claim_apart_and_give_back_what_they_cannot_deliver(
    client: TestClient, db: Session, clock: Clock
) -> None:
    first = outbox.add(db, "tg-a", "first", now=START)
    second = outbox.add(db, "tg-b", "second", now=START)

    def claim(claimant: str) -> list[int]:
        body = {"channel": "telegram", "claimant": claimant}
        reply = client.post(f"{OUTBOX}/claim", json=body, headers=SERVICE_HEADERS)
        assert reply.status_code == 200, reply.text
        return [m["id"] for m in reply.json()]

    assert claim("bridge-1") == [first.id, second.id]
    assert claim("bridge-2") == []
    # The first bridge does not know the second chat: it gives that one back.
    body = {"claimant": "bridge-1", "ids": [second.id]}
    assert client.post(f"{OUTBOX}/release", json=body, headers=SERVICE_HEADERS).status_code == 204
    assert claim("bridge-2") == [second.id]
    # Still waiting (claimed, not delivered): the read-only list shows both.
    pending = client.get(OUTBOX, params={"channel": "telegram"}, headers=SERVICE_HEADERS).json()
    assert [m["id"] for m in pending] == [first.id, second.id]
    # The first bridge stopped: after OUTBOX_CLAIM_FOR (2 minutes) the other takes its claim.
    clock.advance(timedelta(minutes=2))
    assert claim("bridge-2") == [first.id, second.id]
    bad = {"channel": "telegram", "claimant": ""}
    assert client.post(f"{OUTBOX}/claim", json=bad, headers=SERVICE_HEADERS).status_code == 422
