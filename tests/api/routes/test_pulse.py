"""/api/v1/pulse as the action server calls it, and the survey after a held meeting from the
advisor's click to the offer in the client's chat. Answers are anonymous: the route takes no
conversation key, and no stored answer or count holds one."""

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.settings import ApiSettings
from api.orm import PulseAnswer, PulseAsk, PulseInvitation, PulseOffer
from tests.api.client_meetings_helpers import create_meeting, redeem
from tests.api.conftest import SERVICE_HEADERS, Clock, MakeUser, login
from tests.api.fake_redactor import FakeRedactor

OFFERS = "/api/v1/pulse/offers"
ANSWERS = "/api/v1/pulse/answers"
TG_KEY = "tg-0123456789abcdef0123456789abcdef"
WEB_KEY = "web-5f1c0a"
ANSWER = {
    "offer_kind": "after_meeting",
    "step": "initial_interview",
    "channel": "telegram",
    "language": "fi",
    "outcome": "yes",
    "rating": 5,
    "went_well": ["listened_to", "staff"],
    "to_improve": ["quick"],
    "went_well_text": "Neuvoja kuunteli, soita 0401234567",
    "to_improve_text": "Jonotin 40 minuuttia",
}


def ask(client: TestClient, key: str, kind: str, channel: str = "telegram") -> dict[str, Any]:
    body = {"conversation_key": key, "offer_kind": kind, "channel": channel, "language": "fi"}
    reply = client.post(OFFERS, json=body, headers=SERVICE_HEADERS)
    assert reply.status_code == 200, reply.text
    result: dict[str, Any] = reply.json()
    return result


@pytest.fixture
def csrf(client: TestClient, make_user: MakeUser) -> dict[str, str]:
    make_user("advisor")
    return login(client, "advisor@example.org")


def test_on_request_always_and_the_end_of_a_conversation_once_a_week(
    client: TestClient, clock: Clock
) -> None:
    assert ask(client, WEB_KEY, "on_request", "web") == {"offered": True, "step": None}
    assert ask(client, WEB_KEY, "end_of_conversation", "web") == {
        "offered": True,
        "step": "assistant",
    }
    clock.advance(timedelta(days=6, hours=23))
    assert ask(client, WEB_KEY, "end_of_conversation", "web")["offered"] is False
    assert ask(client, WEB_KEY, "on_request", "web")["offered"] is True
    clock.advance(timedelta(hours=1))
    assert ask(client, WEB_KEY, "end_of_conversation", "web")["offered"] is True


def test_after_a_held_meeting_telegram_gets_a_push_and_the_offer_once(
    client: TestClient, csrf: dict[str, str], clock: Clock
) -> None:
    body = {
        "client_ref": "typed",
        "starts_at": "2026-12-03T10:00:00+02:00",
        "language": "fi",
        "kind": "job_search_discussion",
    }
    meeting = client.post("/api/v1/meetings", json=body, headers=csrf).json()
    redeem(client, TG_KEY, meeting["invite_code"])
    assert ask(client, TG_KEY, "after_meeting") == {"offered": False, "step": None}

    clock.advance(timedelta(days=2, hours=1))  # the meeting is over
    csrf = login(client, "advisor@example.org")
    held = client.post(f"/api/v1/meetings/{meeting['id']}/complete", headers=csrf)
    assert held.status_code == 200 and held.json()["kind"] == "job_search_discussion"
    # Marking it held again sends nothing more.
    assert client.post(f"/api/v1/meetings/{meeting['id']}/complete", headers=csrf).is_success

    pending = client.get("/api/v1/outbox", params={"channel": "telegram"}, headers=SERVICE_HEADERS)
    assert [
        (m["conversation_key"], m["purpose"], m["step"], m["text"]) for m in pending.json()
    ] == [(TG_KEY, "pulse", "job_search_discussion", "")]
    clock.advance(timedelta(minutes=1))
    assert ask(client, TG_KEY, "after_meeting") == {
        "offered": True,
        "step": "job_search_discussion",
    }
    assert ask(client, TG_KEY, "after_meeting") == {"offered": False, "step": None}


def test_a_web_client_gets_it_at_the_start_of_the_next_conversation(
    client: TestClient, csrf: dict[str, str], clock: Clock
) -> None:
    meeting = create_meeting(client, csrf)
    redeem(client, WEB_KEY, meeting["invite_code"])
    clock.advance(timedelta(days=2, hours=1))
    csrf = login(client, "advisor@example.org")
    assert client.post(f"/api/v1/meetings/{meeting['id']}/complete", headers=csrf).is_success
    pending = client.get("/api/v1/outbox", params={"channel": "telegram"}, headers=SERVICE_HEADERS)
    assert pending.json() == []
    clock.advance(timedelta(days=1))
    assert ask(client, WEB_KEY, "after_meeting", "web") == {
        "offered": True,
        "step": "other_meeting",  # the default kind
    }


def test_a_meeting_nobody_opened_invites_nobody(
    client: TestClient, csrf: dict[str, str], db: Session
) -> None:
    meeting = create_meeting(client, csrf)
    assert client.post(f"/api/v1/meetings/{meeting['id']}/complete", headers=csrf).is_success
    assert db.scalars(select(PulseInvitation)).all() == []


def test_an_answer_is_stored_redacted_and_anonymous(
    client: TestClient, db: Session, redactor: FakeRedactor
) -> None:
    ask(client, TG_KEY, "on_request")
    reply = client.post(ANSWERS, json=ANSWER, headers=SERVICE_HEADERS)
    assert (reply.status_code, reply.json()) == (201, {})
    row = db.scalars(select(PulseAnswer)).one()
    assert row.went_well_text == "Neuvoja kuunteli, soita <NUMBER>"
    assert row.to_improve_text == "Jonotin <NUMBER> minuuttia"
    assert redactor.calls == ["fi", "fi"]
    for table in (PulseAnswer, PulseOffer):
        for stored in db.scalars(select(table)):
            assert TG_KEY not in repr(vars(stored))


def test_the_answer_route_takes_no_conversation_key(client: TestClient, db: Session) -> None:
    for extra in ({"conversation_key": TG_KEY}, {"sender_id": TG_KEY}, {"meeting_id": "m"}):
        reply = client.post(ANSWERS, json={**ANSWER, **extra}, headers=SERVICE_HEADERS)
        assert reply.status_code == 422, extra
    assert db.scalars(select(PulseAnswer)).all() == []


@pytest.mark.parametrize(
    "change",
    [
        {"rating": 0},
        {"rating": 6},
        {"outcome": "maybe"},
        {"went_well": ["cheap"]},
        {"step": "coffee"},
        {"offer_kind": "spam"},
        {"channel": "sms"},
        {"language": "de"},
        {"to_improve_text": "x" * 2001},
    ],
)
def test_invalid_answers_are_refused(client: TestClient, change: dict[str, object]) -> None:
    reply = client.post(ANSWERS, json={**ANSWER, **change}, headers=SERVICE_HEADERS)
    assert reply.status_code == 422


def test_an_all_skipped_survey_stores_nothing(client: TestClient, db: Session) -> None:
    skipped = {k: ANSWER[k] for k in ("offer_kind", "step", "channel", "language")}
    reply = client.post(ANSWERS, json={**skipped, "went_well": []}, headers=SERVICE_HEADERS)
    assert (reply.status_code, reply.json()) == (201, {})
    assert db.scalars(select(PulseAnswer)).all() == []


def test_the_offer_times_are_under_a_hash_only(client: TestClient, db: Session) -> None:
    ask(client, TG_KEY, "end_of_conversation")
    (row,) = db.scalars(select(PulseAsk)).all()
    assert TG_KEY not in row.client_hash


def test_the_pulse_takes_the_service_token_only(client: TestClient, csrf: dict[str, str]) -> None:
    assert client.post(ANSWERS, json=ANSWER, headers=csrf).status_code == 401
    body = {"conversation_key": WEB_KEY, "offer_kind": "on_request", "channel": "web"}
    assert client.post(OFFERS, json={**body, "language": "fi"}, headers=csrf).status_code == 401


def test_a_survey_kept_after_two_taps_is_counted_once_at_its_submit(
    client: TestClient, db: Session, clock: Clock
) -> None:
    pending = f"/api/v1/pulse/pending/{TG_KEY}"
    two_taps = {k: ANSWER[k] for k in ("offer_kind", "step", "channel", "language", "outcome")}
    reply = client.put(pending, json={**two_taps, "rating": 4}, headers=SERVICE_HEADERS)
    assert reply.status_code == 204, reply.text
    assert db.scalars(select(PulseAnswer)).all() == []

    reply = client.post(f"{pending}/submit", json=ANSWER, headers=SERVICE_HEADERS)
    assert reply.status_code == 201, reply.text
    assert reply.json() == {}
    clock.advance(timedelta(days=1))
    ask(client, WEB_KEY, "on_request", "web")  # turns stale kept surveys into answers
    rows = db.scalars(select(PulseAnswer)).all()
    assert [(r.rating, r.to_improve_text) for r in rows] == [(5, "Jonotin <NUMBER> minuuttia")]


def test_a_survey_left_after_two_taps_is_an_answer_after_the_timeout(
    client: TestClient, db: Session, clock: Clock, settings: ApiSettings
) -> None:
    two_taps = {k: ANSWER[k] for k in ("offer_kind", "step", "channel", "language", "outcome")}
    reply = client.put(
        f"/api/v1/pulse/pending/{TG_KEY}", json={**two_taps, "rating": 2}, headers=SERVICE_HEADERS
    )
    assert reply.status_code == 204, reply.text
    clock.advance(settings.pulse_pending_timeout + timedelta(seconds=1))
    ask(client, WEB_KEY, "on_request", "web")
    rows = db.scalars(select(PulseAnswer)).all()
    assert [(r.outcome, r.rating) for r in rows] == [("yes", 2)]


def test_the_pending_routes_need_the_service_token(client: TestClient) -> None:
    pending = f"/api/v1/pulse/pending/{TG_KEY}"
    assert client.put(pending, json=ANSWER).status_code == 401
    assert client.post(f"{pending}/submit", json=ANSWER).status_code == 401
