"""Data access for the audit trail: who read which meeting's summary or changed which FAQ
topic, when (never content)."""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.orm import AuditEntry, User


def record(
    session: Session,
    *,
    user_id: int | None,
    action: str,
    meeting_id: str | None,
    now: datetime,
    subject: str | None = None,
) -> None:
    """Adds the entry and commits (with whatever else the session holds: the audited change
    and its entry are stored together or not at all)."""
    session.add(
        AuditEntry(user_id=user_id, action=action, meeting_id=meeting_id, at=now, subject=subject)
    )
    session.commit()


def page(
    session: Session, *, offset: int, limit: int
) -> tuple[list[tuple[AuditEntry, str | None]], int]:
    """Entries newest first, each with the email of who acted (None: the system); and the
    total count."""
    rows = session.execute(
        select(AuditEntry, User.email)
        .outerjoin(User, User.id == AuditEntry.user_id)
        .order_by(AuditEntry.id.desc())
        .offset(offset)
        .limit(limit)
    )
    total = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    return [(entry, email) for entry, email in rows], total
