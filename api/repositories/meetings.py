"""Data access for meetings: the advisor's side and the client's (by conversation key)."""

import uuid
from datetime import datetime

from sqlalchemy import delete, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.orm import Meeting, MeetingAnswer


class DuplicateInviteCodeError(ValueError):
    """Another meeting has the code: the caller draws a new one."""


def create(
    session: Session,
    *,
    advisor_id: int,
    client_ref: str,
    starts_at: datetime,
    language: str,
    invite_code: str,
    invite_expires_at: datetime,
    kind: str,
    now: datetime,
) -> Meeting:
    meeting = Meeting(
        id=str(uuid.uuid4()),
        advisor_id=advisor_id,
        client_ref=client_ref,
        starts_at=starts_at,
        language=language,
        invite_code=invite_code,
        invite_expires_at=invite_expires_at,
        kind=kind,
        created_at=now,
    )
    session.add(meeting)
    try:
        session.commit()
    except IntegrityError as error:
        session.rollback()
        raise DuplicateInviteCodeError(invite_code) from error
    return meeting


def list_for_advisor(
    session: Session, advisor_id: int, *, now: datetime, include_past: bool
) -> list[tuple[Meeting, bool]]:
    """Open meetings (not held, invite still valid) soonest first; then the rest, latest first.

    Each with whether the client has stored any answer.
    """
    has_answers = exists().where(MeetingAnswer.meeting_id == Meeting.id).label("has_answers")
    mine = select(Meeting, has_answers).where(Meeting.advisor_id == advisor_id)
    is_open = Meeting.completed_at.is_(None) & (Meeting.invite_expires_at > now)
    upcoming = mine.where(is_open).order_by(Meeting.starts_at)
    rows = [(m, bool(a)) for m, a in session.execute(upcoming)]
    if include_past:
        past = mine.where(~is_open).order_by(Meeting.starts_at.desc())
        rows += [(m, bool(a)) for m, a in session.execute(past)]
    return rows


def has_answers(session: Session, meeting_id: str) -> bool:
    found = session.scalar(select(exists().where(MeetingAnswer.meeting_id == meeting_id)))
    return bool(found)


def get_for_advisor(session: Session, meeting_id: str, advisor_id: int) -> Meeting | None:
    """Another advisor's meeting is as good as missing: its id tells nothing."""
    meeting = session.get(Meeting, meeting_id)
    return meeting if meeting is not None and meeting.advisor_id == advisor_id else None


def complete(session: Session, meeting: Meeting, *, now: datetime) -> Meeting:
    """Commits, with whatever the caller staged for it (the pulse invitation)."""
    if meeting.completed_at is None:
        meeting.completed_at = now
        session.commit()
    return meeting


def by_invite_code(session: Session, code: str) -> Meeting | None:
    return session.scalar(select(Meeting).where(Meeting.invite_code == code))


def bound_to(session: Session, conversation_key: str, *, now: datetime) -> Meeting | None:
    """The meeting this conversation redeemed last, while its invite is still valid."""
    return session.scalar(
        select(Meeting)
        .where(Meeting.conversation_key == conversation_key, Meeting.invite_expires_at >= now)
        .order_by(Meeting.redeemed_at.desc())
        .limit(1)
    )


def bind(session: Session, meeting: Meeting, conversation_key: str, *, now: datetime) -> None:
    meeting.conversation_key = conversation_key
    meeting.redeemed_at = now
    session.commit()


def set_consent(session: Session, meeting: Meeting, consent: bool, *, now: datetime) -> None:
    """One transaction: withdrawn consent takes what was told with it."""
    if not consent:
        session.execute(delete(MeetingAnswer).where(MeetingAnswer.meeting_id == meeting.id))
    meeting.consent = consent
    meeting.consent_at = now
    meeting.last_client_change_at = now
    session.commit()


def stage_proposals_shared(session: Session, meeting: Meeting, *, now: datetime) -> None:
    """The caller commits."""
    meeting.proposals_shared_at = now


def confirm(session: Session, meeting: Meeting, *, now: datetime) -> None:
    """Commits, with whatever the caller staged for it (the proposals passed on)."""
    meeting.confirmed_at = meeting.confirmed_at or now
    meeting.last_client_change_at = now
    session.commit()
