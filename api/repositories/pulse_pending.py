"""Data access for pulse_pending: a survey's answers so far, under a keyed hash."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import PulsePending


def stage(session: Session, client_hash: str, answer: dict[str, Any], *, now: datetime) -> None:
    """Keeps the answers so far in the caller's transaction (the caller commits)."""
    pending = session.get(PulsePending, client_hash)
    if pending is None:
        session.add(PulsePending(client_hash=client_hash, answer=answer, updated_at=now))
    else:
        pending.answer, pending.updated_at = answer, now


def take(session: Session, client_hash: str) -> PulsePending | None:
    """The pending survey, deleted in the caller's transaction."""
    pending = session.get(PulsePending, client_hash)
    if pending is not None:
        session.delete(pending)
    return pending


def take_stale(session: Session, cutoff: datetime) -> Sequence[PulsePending]:
    """Surveys whose last answer is older than `cutoff`, deleted in the caller's transaction
    (locked on PostgreSQL, skipped when another instance is already taking them)."""
    rows = session.scalars(
        select(PulsePending)
        .where(PulsePending.updated_at < cutoff)
        .with_for_update(skip_locked=True)
    ).all()
    for row in rows:
        session.delete(row)
    return rows


def exists(session: Session, client_hash: str) -> bool:
    return session.get(PulsePending, client_hash) is not None
