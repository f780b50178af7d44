"""The survey after a held meeting: an invitation for every chat, a push for Telegram's."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import OutboxMessage, PulseInvitation
from api.services.pulse.invitations import stage_after_meeting
from tests.api.conftest import START


def test_a_telegram_chat_gets_an_invitation_and_a_push(db: Session) -> None:
    stage_after_meeting(db, "tg-abc", "initial_interview", now=START)
    db.commit()
    invitation = db.get(PulseInvitation, "tg-abc")
    assert invitation is not None and invitation.step == "initial_interview"
    pushed = db.scalars(select(OutboxMessage)).one()
    assert (pushed.conversation_key, pushed.purpose, pushed.step, pushed.text) == (
        "tg-abc",
        "pulse",
        "initial_interview",
        "",
    )
    assert pushed.meeting_id is None


def test_a_web_chat_gets_the_invitation_only(db: Session) -> None:
    stage_after_meeting(db, "web-abc", "other_meeting", now=START)
    db.commit()
    assert db.get(PulseInvitation, "web-abc") is not None
    assert db.scalars(select(OutboxMessage)).all() == []


def test_a_newer_meeting_replaces_the_waiting_invitation(db: Session) -> None:
    stage_after_meeting(db, "web-abc", "other_meeting", now=START)
    db.commit()
    stage_after_meeting(db, "web-abc", "job_search_discussion", now=START)
    db.commit()
    assert [i.step for i in db.scalars(select(PulseInvitation))] == ["job_search_discussion"]


def test_nothing_is_stored_until_the_caller_commits(db: Session) -> None:
    stage_after_meeting(db, "tg-abc", "initial_interview", now=START)
    db.rollback()
    assert db.scalars(select(PulseInvitation)).all() == []
    assert db.scalars(select(OutboxMessage)).all() == []
