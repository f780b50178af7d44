"""Data access for conversations: the one place that reads and writes the table."""

from sqlalchemy.orm import Session

from api.orm import Conversation
from api.schemas.conversations import ConversationUpsert


def upsert(session: Session, key: str, data: ConversationUpsert) -> tuple[Conversation, bool]:
    """Record a conversation, or update its channel and language; returns (row, created)."""
    row = session.get(Conversation, key)
    created = row is None
    if row is None:
        row = Conversation(conversation_key=key)
        session.add(row)
    # A later call without a value must not erase what an earlier call recorded.
    if data.channel is not None:
        row.channel = data.channel
    if data.language is not None:
        row.language = data.language
    session.commit()
    session.refresh(row)
    return row, created


def get(session: Session, key: str) -> Conversation | None:
    return session.get(Conversation, key)
