"""Data access for staff logins (server-side sessions keyed by the hash of the cookie's token)."""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.orm import User, UserSession


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(
    session: Session, user: User, *, now: datetime, lifetime: timedelta
) -> tuple[str, UserSession]:
    """A new login; returns the cookie's token (only its hash is stored) and the row."""
    # Expired logins go when someone logs in, so the table stays the size of the staff.
    session.execute(delete(UserSession).where(UserSession.expires_at <= now))
    token = secrets.token_urlsafe(32)
    row = UserSession(
        token_hash=token_hash(token),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + lifetime,
    )
    session.add(row)
    session.commit()
    return token, row


def find(session: Session, token: str, *, now: datetime) -> tuple[UserSession, User] | None:
    """The unexpired login of an active user that the token opens, or None."""
    found = session.execute(
        select(UserSession, User)
        .join(User, User.id == UserSession.user_id)
        .where(
            UserSession.token_hash == token_hash(token),
            UserSession.expires_at > now,
            User.is_active.is_(True),
        )
    ).first()
    return None if found is None else (found[0], found[1])


def revoke(session: Session, row: UserSession) -> None:
    session.delete(row)
    session.commit()


def revoke_token(session: Session, token: str | None) -> None:
    """End the login this cookie token opens, if any (a new login replaces it)."""
    if token:
        session.execute(delete(UserSession).where(UserSession.token_hash == token_hash(token)))
        session.commit()


def revoke_all_of(session: Session, user_id: int) -> None:
    session.execute(delete(UserSession).where(UserSession.user_id == user_id))
    session.commit()
