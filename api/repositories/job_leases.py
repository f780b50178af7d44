"""Data access for job_leases: which API instance runs a periodic job this round."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import JobLease


def take(session: Session, name: str, holder: str, *, now: datetime, until: datetime) -> bool:
    """Whether `holder` may run job `name` now: the row is locked without waiting (SKIP
    LOCKED on PostgreSQL; SQLite has one writer at a time anyway) and its lease is over or
    already `holder`'s; then it is `holder`'s until `until`. Commits."""
    lease = session.scalar(
        select(JobLease).where(JobLease.name == name).with_for_update(skip_locked=True)
    )
    if lease is None:  # another instance holds the row's lock right now
        session.rollback()
        return False
    if lease.holder not in (None, holder) and lease.until is not None and lease.until > now:
        session.rollback()
        return False
    lease.holder, lease.until = holder, until
    session.commit()
    return True
