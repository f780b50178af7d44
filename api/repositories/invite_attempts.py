"""Data access for wrong invite codes, counted per conversation and per channel to slow down
guessing."""

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from api.orm import InviteAttempt
from vocabulary.channels import channel_of


def record_failure(
    session: Session, conversation_key: str, *, now: datetime, forget_before: datetime
) -> None:
    """Count a wrong code; every attempt from before the window goes (none is counted)."""
    session.execute(delete(InviteAttempt).where(InviteAttempt.at <= forget_before))
    session.add(
        InviteAttempt(
            conversation_key=conversation_key, channel=channel_of(conversation_key), at=now
        )
    )
    session.commit()


def failures_since(session: Session, conversation_key: str, since: datetime) -> int:
    count = session.scalar(
        select(func.count())
        .select_from(InviteAttempt)
        .where(InviteAttempt.conversation_key == conversation_key, InviteAttempt.at > since)
    )
    return count or 0


def channel_failures_since(session: Session, conversation_key: str, since: datetime) -> int:
    """Wrong codes from every conversation of this key's channel."""
    count = session.scalar(
        select(func.count())
        .select_from(InviteAttempt)
        .where(InviteAttempt.channel == channel_of(conversation_key), InviteAttempt.at > since)
    )
    return count or 0
