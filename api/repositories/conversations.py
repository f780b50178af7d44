"""Data access for conversations: the one place that reads and writes the table."""

from datetime import datetime

from sqlalchemy.orm import Session

from api.orm import Conversation


def upsert(
    session: Session, key: str, *, channel: str | None, language: str | None, now: datetime
) -> tuple[Conversation, bool]:
    """Record a conversation, or update its channel and language; returns (row, created)."""
    row = session.get(Conversation, key)
    created = row is None
    if row is None:
        row = Conversation(conversation_key=key, started_at=now)
        session.add(row)
    row.updated_at = now
    # A later call without a value must not erase what an earlier call recorded.
    if channel is not None:
        row.channel = channel
    if language is not None:
        row.language = language
    session.commit()
    session.refresh(row)
    return row, created


def get(session: Session, key: str) -> Conversation | None:
    return session.get(Conversation, key)
