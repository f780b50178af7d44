"""Data access for wrong invite codes, counted per conversation to slow down guessing."""

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from api.orm import InviteAttempt


def record_failure(
    session: Session, conversation_key: str, *, now: datetime, forget_before: datetime
) -> None:
    """Count a wrong code; the conversation's attempts from before the window go."""
    session.execute(
        delete(InviteAttempt).where(
            InviteAttempt.conversation_key == conversation_key, InviteAttempt.at <= forget_before
        )
    )
    session.add(InviteAttempt(conversation_key=conversation_key, at=now))
    session.commit()


def failures_since(session: Session, conversation_key: str, since: datetime) -> int:
    count = session.scalar(
        select(func.count())
        .select_from(InviteAttempt)
        .where(InviteAttempt.conversation_key == conversation_key, InviteAttempt.at > since)
    )
    return count or 0
