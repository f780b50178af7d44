"""Data access for pulse_asks: when a client (a keyed hash) was last offered the survey unasked."""

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from api.orm import PulseAsk


def last_offered_at(session: Session, client_hash: str) -> datetime | None:
    ask = session.get(PulseAsk, client_hash)
    return None if ask is None else ask.last_offered_at


def stage_offered(session: Session, client_hash: str, *, now: datetime) -> None:
    """Records the offer in the caller's transaction (the caller commits)."""
    ask = session.get(PulseAsk, client_hash)
    if ask is None:
        session.add(PulseAsk(client_hash=client_hash, last_offered_at=now))
    else:
        ask.last_offered_at = now


def delete_before(session: Session, cutoff: datetime) -> int:
    """Rows that no longer hold anyone back; the caller commits."""
    result = session.execute(delete(PulseAsk).where(PulseAsk.last_offered_at < cutoff))
    return int(result.rowcount)  # type: ignore[attr-defined]


def take(session: Session, client_hash: str) -> None:
    """Forgets when the client was offered the survey; the caller commits."""
    session.execute(delete(PulseAsk).where(PulseAsk.client_hash == client_hash))
