"""Proposals are stored anonymously and redacted, from the chat and from a meeting's
preparation (only with consent, each told proposal once)."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import Meeting, Proposal
from api.repositories import meeting_answers, meetings
from api.services.proposals import intake, theme_actions
from tests.api.conftest import KEYWORD_THEMES, START, MakeUser
from tests.api.fake_redactor import FakeRedactor


def stored(db: Session) -> list[tuple[str, str, str, str, str, date]]:
    db.expire_all()
    rows = db.scalars(select(Proposal).order_by(Proposal.id))
    return [(r.theme, r.text, r.language, r.channel, r.source, r.week_start) for r in rows]


def test_a_chat_proposal_is_redacted_and_told_what_was_done(
    db: Session, make_user: MakeUser
) -> None:
    analyst = make_user("analyst")
    for day in range(1, 6):
        theme_actions.record(
            db,
            theme="training",
            text_fi=f"tehty {day}",
            text_sv=f"gjort {day}",
            text_en=f"done {day}",
            done_on=date(2026, 11, day),
            by=analyst,
            today=date(2026, 12, 1),
            now=START,
        )
    redactor = FakeRedactor()
    done = intake.from_chat(
        db,
        "Kurssi 5 hengelle",
        "training",
        "fi",
        "web",
        redactor,
        now=START,
    )
    assert [d.text for d in done] == ["tehty 5", "tehty 4", "tehty 3"]  # newest three
    assert stored(db) == [
        ("training", "Kurssi <NUMBER> hengelle", "fi", "web", "chat", date(2026, 11, 30))
    ]
    assert redactor.calls == ["fi"]


def meeting_with_proposals(db: Session, make_user: MakeUser, consent: bool | None) -> Meeting:
    advisor = make_user("advisor")
    meeting = meetings.create(
        db,
        advisor_id=advisor.id,
        client_ref="x",
        starts_at=START + timedelta(days=2),
        language="en",
        invite_code="ABCDEFGHJKMNP",
        invite_expires_at=START + timedelta(days=3),
        kind="other_meeting",
        now=START,
    )
    meetings.bind(db, meeting, "tg-abc", now=START)
    if consent is not None:
        meetings.set_consent(db, meeting, consent, now=START)
    for section, text in [("proposals", "More evening courses"), ("goals", "A job")]:
        meeting_answers.add(
            db,
            meeting,
            section=section,
            redacted_text=text,
            language="en",
            replace=False,
            now=START,
        )
    return meeting


def test_a_confirmed_preparations_proposals_are_passed_on_once(
    db: Session, make_user: MakeUser
) -> None:
    meeting = meeting_with_proposals(db, make_user, consent=True)
    assert intake.stage_from_preparation(db, meeting, KEYWORD_THEMES, now=START) == 1
    db.commit()
    expected = ("training", "More evening courses", "en", "telegram", "meeting_preparation")
    assert [row[:5] for row in stored(db)] == [expected]

    # Confirmed again: only what was told since.
    assert (
        intake.stage_from_preparation(db, meeting, KEYWORD_THEMES, now=START + timedelta(hours=1))
        == 0
    )
    meeting_answers.add(
        db,
        meeting,
        section="proposals",
        redacted_text="A chat in Swedish",
        language="en",
        replace=False,
        now=START + timedelta(hours=2),
    )
    assert (
        intake.stage_from_preparation(db, meeting, KEYWORD_THEMES, now=START + timedelta(hours=3))
        == 1
    )
    db.commit()
    assert [row[1] for row in stored(db)] == ["More evening courses", "A chat in Swedish"]


@pytest.mark.parametrize("consent", [False, None])
def test_without_consent_nothing_is_passed_on(
    db: Session, make_user: MakeUser, consent: bool | None
) -> None:
    meeting = meeting_with_proposals(db, make_user, consent=consent)
    assert intake.stage_from_preparation(db, meeting, KEYWORD_THEMES, now=START) == 0
    db.commit()
    assert stored(db) == []
