"""/api/v1/proposals as the action server calls it: a suggested theme, then the proposal,
stored anonymously and redacted, answered with what has been done in its theme."""

from datetime import date

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import Proposal
from api.services.proposals import theme_actions
from tests.api.conftest import SERVICE_HEADERS, START, MakeUser
from vocabulary.participation import Theme

PROPOSALS = "/api/v1/proposals"
PROPOSAL = {
    "text": "Lisää iltakursseja, soittakaa 0401234567",
    "theme": "training",
    "language": "fi",
    "channel": "telegram",
}


def test_a_theme_is_suggested_and_nothing_is_stored(client: TestClient, db: Session) -> None:
    body = {"text": "Fler kurser på kvällen", "language": "sv"}
    reply = client.post(f"{PROPOSALS}/theme", json=body, headers=SERVICE_HEADERS)
    assert (reply.status_code, reply.json()) == (200, {"theme": "training"})
    body = {"text": "Kiitos", "language": "fi"}
    reply = client.post(f"{PROPOSALS}/theme", json=body, headers=SERVICE_HEADERS)
    assert reply.json() == {"theme": "other"}
    assert db.scalars(select(Proposal)).all() == []


def test_a_proposal_is_stored_redacted_and_hears_what_was_done(
    client: TestClient, db: Session, make_user: MakeUser
) -> None:
    analyst = make_user("analyst")
    done: list[tuple[Theme, int]] = [("training", 1), ("training", 20), ("job_search", 25)]
    for theme, day in done:
        theme_actions.record(
            db,
            theme=theme,
            text_fi=f"{theme} {day} fi",
            text_sv=f"{theme} {day} sv",
            text_en=f"{theme} {day} en",
            done_on=date(2026, 11, day),
            by=analyst,
            today=date(2026, 12, 1),
            now=START,
        )
    reply = client.post(PROPOSALS, json=PROPOSAL, headers=SERVICE_HEADERS)
    assert reply.status_code == 201
    assert reply.json() == {
        "theme": "training",
        "actions": [
            {"text": "training 20 fi", "done_on": "2026-11-20"},
            {"text": "training 1 fi", "done_on": "2026-11-01"},
        ],
    }
    row = db.scalars(select(Proposal)).one()
    assert row.text == "Lisää iltakursseja, soittakaa <NUMBER>"
    assert (row.theme, row.language, row.channel, row.source, row.week_start) == (
        "training",
        "fi",
        "telegram",
        "chat",
        date(2026, 11, 30),
    )


def test_a_proposal_in_a_theme_with_nothing_done_yet(client: TestClient) -> None:
    body = {**PROPOSAL, "theme": "other", "language": "en"}
    reply = client.post(PROPOSALS, json=body, headers=SERVICE_HEADERS)
    assert reply.json() == {"theme": "other", "actions": []}


def test_invalid_proposals_are_refused(client: TestClient) -> None:
    for change in ({"theme": "coffee"}, {"text": " "}, {"language": "de"}, {"channel": "fax"}):
        reply = client.post(PROPOSALS, json={**PROPOSAL, **change}, headers=SERVICE_HEADERS)
        assert reply.status_code == 422, change
