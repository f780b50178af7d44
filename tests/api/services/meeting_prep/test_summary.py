"""The advisor's summary: the client's redacted words with consent, FAQ topics, audit trail."""

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import AuditEntry
from tests.api.client_meetings_helpers import answer, consent, conversation, create_meeting, redeem
from tests.api.conftest import SERVICE_HEADERS, Clock, MakeUser, login

KEY = "tg-9a8b7c"
EMPTY: dict[str, list[object]] = {
    s: [] for s in ("situation", "topics", "goals", "concerns", "proposals", "questions")
}


@pytest.fixture
def csrf(client: TestClient, make_user: MakeUser) -> dict[str, str]:
    make_user("advisor", name="Aino Neuvoja")
    return login(client, "advisor@example.org")


def ask(client: TestClient, topic: str) -> None:
    reply = client.post(
        f"{conversation(KEY)}/faq-topics", json={"topic": topic}, headers=SERVICE_HEADERS
    )
    assert reply.status_code == 204


def test_summary_shows_the_clients_redacted_words_and_faq_topics(
    client: TestClient, csrf: dict[str, str], clock: Clock
) -> None:
    meeting = create_meeting(client, csrf, ref="asiakas-42", language="sv")
    ask(client, "alpha")  # before the code: the same conversation
    redeem(client, KEY, meeting["invite_code"])
    consent(client, KEY, True)
    clock.advance(timedelta(minutes=5))
    answer(client, KEY, "topics", "Palkkatuki ja koulutus")
    answer(client, KEY, "concerns", "Pärjäänkö 3 kuukautta?")
    ask(client, "beta")
    clock.advance(timedelta(minutes=1))
    ask(client, "alpha")
    clock.advance(timedelta(minutes=1))
    ask(client, "retired_topic")  # no longer in the FAQ: shown by its id

    reply = client.get(f"/api/v1/meetings/{meeting['id']}/summary")
    assert reply.headers["cache-control"] == "no-store"
    summary = reply.json()
    assert summary["meeting"] == {
        "id": meeting["id"],
        "client_ref": "asiakas-42",
        "starts_at": "2026-12-03T10:00:00+02:00",
        "language": "sv",
    }
    assert (summary["consent"], summary["confirmed"]) == (True, False)
    assert summary["sections"]["topics"] == [
        {"text": "Palkkatuki ja koulutus", "at": "2026-12-01T08:05:00Z"}
    ]
    assert [a["text"] for a in summary["sections"]["concerns"]] == ["Pärjäänkö <NUMBER> kuukautta?"]
    assert summary["sections"]["goals"] == []
    assert summary["faq_topics"] == [  # each topic once, latest first
        {"topic": "retired_topic", "title": "retired_topic", "asked_at": "2026-12-01T08:07:00Z"},
        {"topic": "alpha", "title": "Aihe alpha", "asked_at": "2026-12-01T08:06:00Z"},
        {"topic": "beta", "title": "Aihe beta", "asked_at": "2026-12-01T08:05:00Z"},
    ]
    assert summary["last_changed_at"] == "2026-12-01T08:05:00Z"

    english = client.get(f"/api/v1/meetings/{meeting['id']}/summary", params={"lang": "en"})
    assert {t["title"] for t in english.json()["faq_topics"]} == {
        "Topic alpha",
        "Topic beta",
        "retired_topic",
    }


def test_without_consent_the_summary_is_empty(client: TestClient, csrf: dict[str, str]) -> None:
    meeting = create_meeting(client, csrf)
    redeem(client, KEY, meeting["invite_code"])
    ask(client, "alpha")
    summary = client.get(f"/api/v1/meetings/{meeting['id']}/summary").json()
    assert summary["consent"] is None
    assert summary["sections"] == EMPTY
    assert summary["faq_topics"] == []

    consent(client, KEY, True)
    answer(client, KEY, "goals", "Tavoite")
    consent(client, KEY, False)
    summary = client.get(f"/api/v1/meetings/{meeting['id']}/summary").json()
    assert (summary["consent"], summary["sections"], summary["faq_topics"]) == (False, EMPTY, [])


def test_every_summary_read_is_audited_without_content(
    client: TestClient, csrf: dict[str, str], make_user: MakeUser, db: Session
) -> None:
    meeting = create_meeting(client, csrf)
    for _ in range(2):
        assert client.get(f"/api/v1/meetings/{meeting['id']}/summary").status_code == 200
    rows = db.scalars(select(AuditEntry)).all()
    assert [(r.action, r.meeting_id) for r in rows] == [("summary.read", meeting["id"])] * 2

    make_user("admin")
    login(client, "admin@example.org")
    page = client.get("/api/v1/audit-log", params={"page_size": 1}).json()
    assert page["total"] == 2
    assert page["items"] == [
        {
            "id": rows[1].id,
            "user_id": rows[1].user_id,
            "user_email": "advisor@example.org",
            "action": "summary.read",
            "meeting_id": meeting["id"],
            "subject": None,
            "at": "2026-12-01T08:00:00Z",
        }
    ]
    assert (
        client.get("/api/v1/audit-log", params={"page": 2, "page_size": 1}).json()["items"][0]["id"]
        == rows[0].id
    )
