"""/api/v1/faq-missed: the action server reports what the assistant did not understand; the
API stores it redacted (never the raw words), without the conversation, with its nearest
topic. Service token only."""

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import FaqMissedQuestion
from tests.api.conftest import SERVICE_HEADERS
from tests.api.fake_redactor import FakeRedactor

MISSED = "/api/v1/faq-missed"


def test_the_message_is_stored_redacted_with_its_nearest_topic(
    client: TestClient, db: Session, redactor: FakeRedactor
) -> None:
    body = {"text": "beta kysymys, soita 0401234567", "language": "fi", "kind": "did_you_mean"}
    reply = client.post(MISSED, json=body, headers=SERVICE_HEADERS)
    assert reply.status_code == 204
    [row] = db.scalars(select(FaqMissedQuestion)).all()
    assert row.text == "beta kysymys, soita <NUMBER>"
    assert "0401234567" not in row.text
    assert (row.language, row.kind, row.nearest_topic) == ("fi", "did_you_mean", "beta")
    assert redactor.calls == ["fi"]


def test_a_message_near_no_topic_has_none(client: TestClient, db: Session) -> None:
    body = {"text": "zzz qqq", "language": "en", "kind": "fallback"}
    assert client.post(MISSED, json=body, headers=SERVICE_HEADERS).status_code == 204
    [row] = db.scalars(select(FaqMissedQuestion)).all()
    assert row.nearest_topic is None


def test_only_the_action_server_may_report(client: TestClient, db: Session) -> None:
    body = {"text": "beta", "language": "fi", "kind": "fallback"}
    assert client.post(MISSED, json=body).status_code == 401
    wrong = {"Authorization": "Bearer wrong"}
    assert client.post(MISSED, json=body, headers=wrong).status_code == 401
    assert db.scalars(select(FaqMissedQuestion)).all() == []


def test_an_unknown_kind_or_empty_text_is_refused(client: TestClient) -> None:
    for body in (
        {"text": "beta", "language": "fi", "kind": "other"},
        {"text": "   ", "language": "fi", "kind": "fallback"},
        {"text": "beta", "language": "de", "kind": "fallback"},
    ):
        assert client.post(MISSED, json=body, headers=SERVICE_HEADERS).status_code == 422
