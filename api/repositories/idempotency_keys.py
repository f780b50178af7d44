"""Data access for idempotency_keys: the stored answers of writes sent with a key (hashes)."""

import hashlib
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from api.orm import IdempotencyKey


def conversation_hash(conversation_key: str) -> str:
    """What the rows of one conversation are found by (never the key itself)."""
    return hashlib.sha256(b"conversation\0" + conversation_key.encode()).hexdigest()


def find(session: Session, key_hash: str) -> IdempotencyKey | None:
    return session.get(IdempotencyKey, key_hash)


def stage(session: Session, row: IdempotencyKey) -> None:
    """Added to the write's transaction: the caller flushes and commits it with the write."""
    session.add(row)


def forget_conversation(session: Session, conversation_key: str) -> int:
    """The stored answers of a conversation's writes (they may quote its answers); the
    caller commits, with the deletion of what they quote."""
    result = session.execute(
        delete(IdempotencyKey).where(
            IdempotencyKey.conversation_hash == conversation_hash(conversation_key)
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def delete_before(session: Session, cutoff: datetime) -> int:
    """The caller commits."""
    result = session.execute(delete(IdempotencyKey).where(IdempotencyKey.created_at < cutoff))
    return int(result.rowcount)  # type: ignore[attr-defined]
