"""Data access for failed staff logins: hashes of the email typed and of the source only."""

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from api.orm import LoginFailure


def record(
    session: Session, account_hash: str, source_hash: str, *, now: datetime, forget_before: datetime
) -> None:
    """Count a failure; every failure from before the window goes (none is counted)."""
    session.execute(delete(LoginFailure).where(LoginFailure.at <= forget_before))
    session.add(LoginFailure(account_hash=account_hash, source_hash=source_hash, at=now))
    session.commit()


def count_for_account(session: Session, account_hash: str, since: datetime) -> int:
    count = session.scalar(
        select(func.count())
        .select_from(LoginFailure)
        .where(LoginFailure.account_hash == account_hash, LoginFailure.at > since)
    )
    return count or 0


def count_for_source(session: Session, source_hash: str, since: datetime) -> int:
    count = session.scalar(
        select(func.count())
        .select_from(LoginFailure)
        .where(LoginFailure.source_hash == source_hash, LoginFailure.at > since)
    )
    return count or 0


def forget_account(session: Session, account_hash: str) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.account_hash == account_hash))
    session.commit()
