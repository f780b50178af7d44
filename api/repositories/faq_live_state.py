"""Data access for faq_live_state: the one row whose generation says which FAQ content is
live, and the lock that keeps two publishes from interleaving."""

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from api.orm import FaqLiveState

ROW = 1


def generation(session: Session) -> int:
    return session.scalar(select(FaqLiveState.generation).where(FaqLiveState.id == ROW)) or 0


def lock(session: Session) -> None:
    """Holds the row until the transaction ends: a write, so that SQLite (which has no row
    locks) takes its write lock now too, and a second publish waits for the first."""
    session.execute(
        update(FaqLiveState)
        .where(FaqLiveState.id == ROW)
        .values(generation=FaqLiveState.generation)
    )


def advance(session: Session, *, now: datetime) -> int:
    """The next generation: what changed is live for every API instance that reads it."""
    state = session.get_one(FaqLiveState, ROW)
    state.generation += 1
    state.updated_at = now
    session.flush()
    return state.generation
