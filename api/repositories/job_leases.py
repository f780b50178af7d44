"""Data access for job_leases: which API instance runs a periodic job this round."""

from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from api.orm import JobLease


def take(session: Session, name: str, holder: str, *, now: datetime, until: datetime) -> bool:
    """Whether `holder` may run job `name` now: its lease is over or already `holder`'s; then
    it is `holder`'s until `until`. Commits.

    The update itself is conditional, so two instances can never both take it; on PostgreSQL
    the row is first locked without waiting (SKIP LOCKED), so an instance never queues behind
    another that is taking it (SQLite has one writer at a time anyway)."""
    if session.get_bind().dialect.name == "postgresql":
        row = session.scalar(
            select(JobLease.name).where(JobLease.name == name).with_for_update(skip_locked=True)
        )
        if row is None:  # another instance holds the row's lock right now
            session.rollback()
            return False
    result = session.execute(
        update(JobLease)
        .where(
            JobLease.name == name,
            or_(
                JobLease.holder.is_(None),
                JobLease.holder == holder,
                JobLease.until.is_(None),
                JobLease.until <= now,
            ),
        )
        .values(holder=holder, until=until)
    )
    session.commit()
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]
