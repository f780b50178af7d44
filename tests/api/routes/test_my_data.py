"""/api/v1/conversations/{key}/my-data and /api/v1/my-data/{token}: what the client is told is
stored, the one-time copy, and "delete my data"."""

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.orm import Conversation, FaqTopicAsk, Meeting, MeetingAnswer, MyDataLink, PanelMember
from tests.api.client_meetings_helpers import answer, consent, conversation, create_meeting, redeem
from tests.api.conftest import SERVICE_HEADERS, Clock, MakeUser, login
from tests.api.routes.test_panel import join

KEY = "tg-5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a"


def my_data(key: str = KEY) -> str:
    return f"{conversation(key)}/my-data"


@pytest.fixture
def prepared(client: TestClient, make_user: MakeUser) -> dict[str, str]:
    """A meeting with Aino Neuvoja, opened by KEY, consented, one answer; KEY in the panel,
    one FAQ topic asked."""
    make_user("advisor", name="Aino Neuvoja")
    meeting = create_meeting(client, login(client, "advisor@example.org"))
    client.put(
        conversation(KEY), json={"channel": "telegram", "language": "fi"}, headers=SERVICE_HEADERS
    )
    redeem(client, KEY, meeting["invite_code"])
    consent(client, KEY, True)
    answer(client, KEY, "goals", "Haluan kokkikouluun")
    assert join(client, KEY)[0] == 200
    client.post(f"{conversation(KEY)}/faq-topics", json={"topic": "alpha"}, headers=SERVICE_HEADERS)
    return meeting


def test_the_routes_need_the_service_token(client: TestClient) -> None:
    assert client.get(my_data()).status_code == 401
    assert client.delete(my_data()).status_code == 401
    assert client.post(f"{my_data()}/link", json={}).status_code == 401
    assert client.get(f"{my_data()}/text").status_code == 401


def test_what_is_stored_with_the_meeting_the_panel_and_the_periods(
    client: TestClient, prepared: dict[str, str]
) -> None:
    body = client.get(my_data(), headers=SERVICE_HEADERS).json()
    [meeting] = body["meetings"]
    assert meeting["advisor_name"] == "Aino Neuvoja"
    assert meeting["starts_at"] == "2026-12-03T10:00:00+02:00"
    assert meeting["consent"] is True
    assert [(a["section"], a["text"]) for a in meeting["answers"]] == [
        ("goals", "Haluan kokkikouluun")
    ]
    assert meeting["answers_deleted_by"] == "2027-01-02T10:00:00+02:00"
    assert body["panel"]["interests"] == ["digital_services", "training"]
    assert body["panel"]["contact_channel"] == "telegram"
    assert body["panel"]["consent_version"] == "1"
    assert [t["topic"] for t in body["faq_topics"]] == ["alpha"]
    assert body["conversation"]["channel"] == "telegram"
    assert body["retention"] == {
        "answer_retention_days": 30,
        "conversation_retention_days": 30,
        "faq_topic_retention_days": 30,
    }


def test_nothing_stored_is_an_empty_answer_not_an_error(client: TestClient) -> None:
    body = client.get(my_data("web-nobody"), headers=SERVICE_HEADERS).json()
    assert (body["meetings"], body["panel"], body["faq_topics"]) == ([], None, [])
    assert body["conversation"] is None


def test_the_text_copy_in_each_language(client: TestClient, prepared: dict[str, str]) -> None:
    texts = {
        language: client.get(
            f"{my_data()}/text", params={"language": language}, headers=SERVICE_HEADERS
        )
        for language in ("fi", "sv", "en")
    }
    assert all(
        t.status_code == 200 and t.headers["cache-control"] == "no-store" for t in texts.values()
    )
    assert "Tapaaminen: Aino Neuvoja, 03.12.2026 10.00" in texts["fi"].text
    assert "Tavoitteet: Haluan kokkikouluun" in texts["fi"].text
    assert "poistetaan 30 päivän kuluttua" in texts["fi"].text
    assert "Möte: Aino Neuvoja" in texts["sv"].text
    assert "Interests: digital services, training" in texts["en"].text
    assert "stored anonymously" in texts["en"].text


def test_the_link_opens_once_and_only_its_hash_is_stored(
    client: TestClient, prepared: dict[str, str], db: Session
) -> None:
    reply = client.post(f"{my_data()}/link", json={"language": "en"}, headers=SERVICE_HEADERS)
    assert reply.status_code == 201
    link = reply.json()
    assert link["valid_minutes"] == 10
    token = link["url"].rsplit("/", 1)[1]
    assert link["url"] == f"http://127.0.0.1:8000/api/v1/my-data/{token}"
    assert len(token) >= 40
    stored = db.scalars(select(MyDataLink.token_hash)).all()
    assert token not in stored and len(stored) == 1
    first = client.get(f"/api/v1/my-data/{token}")  # no token of the service: the link is it
    assert first.status_code == 200
    assert first.headers["cache-control"] == "no-store"
    assert first.json()["meetings"][0]["advisor_name"] == "Aino Neuvoja"
    second = client.get(f"/api/v1/my-data/{token}")
    assert second.status_code == 410
    assert second.json() == {"detail": {"reason": "link_gone"}}
    assert client.get("/api/v1/my-data/not-a-token").status_code == 404


def test_the_text_variant_and_the_links_time(
    client: TestClient, prepared: dict[str, str], clock: Clock
) -> None:
    def new_link() -> str:
        reply = client.post(f"{my_data()}/link", json={"language": "sv"}, headers=SERVICE_HEADERS)
        return str(reply.json()["url"]).rsplit("/", 1)[1]

    text = client.get(f"/api/v1/my-data/{new_link()}", params={"format": "txt"})
    assert text.status_code == 200
    assert text.headers["content-type"].startswith("text/plain")
    assert "Uppgifter som Kohtaamo har sparat om dig" in text.text
    late = new_link()
    clock.advance(timedelta(minutes=10))
    assert client.get(f"/api/v1/my-data/{late}").status_code == 410


def test_delete_my_data_erases_everything_keyed_by_the_conversation(
    client: TestClient, prepared: dict[str, str], db: Session, make_user: MakeUser
) -> None:
    client.post(f"{my_data()}/link", json={}, headers=SERVICE_HEADERS)
    reply = client.delete(my_data(), headers=SERVICE_HEADERS)
    assert reply.status_code == 200
    assert reply.json() == {
        "meeting_answers": 1,
        "meetings_unlinked": 1,
        "panel_membership": True,
        "pulse_survey_open": False,
    }
    for table in (MeetingAnswer, PanelMember, FaqTopicAsk, MyDataLink, Conversation):
        assert db.scalar(select(func.count()).select_from(table)) == 0, table
    meeting = db.scalars(select(Meeting)).one()  # the advisor's meeting stays, unlinked
    assert (meeting.conversation_key, meeting.consent) == (None, None)
    summary = client.get(f"/api/v1/meetings/{prepared['id']}/summary")
    assert summary.status_code == 200
    assert "kokkikouluun" not in summary.text
    body = client.get(my_data(), headers=SERVICE_HEADERS).json()
    assert (body["meetings"], body["panel"], body["faq_topics"]) == ([], None, [])
    again = client.delete(my_data(), headers=SERVICE_HEADERS)  # nothing left: still fine
    assert again.status_code == 200 and again.json()["meeting_answers"] == 0
