"""Data access for staff accounts."""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.orm import User


class DuplicateEmailError(ValueError):
    pass


def normalize_email(email: str) -> str:
    return email.strip().lower()


def create(
    session: Session,
    *,
    email: str,
    display_name: str,
    role: str,
    password_hash: str,
    now: datetime,
) -> User:
    user = User(
        email=normalize_email(email),
        display_name=display_name,
        role=role,
        password_hash=password_hash,
        is_active=True,
        created_at=now,
    )
    session.add(user)
    try:
        session.commit()
    except IntegrityError as error:
        session.rollback()
        raise DuplicateEmailError(user.email) from error
    return user


def by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalize_email(email)))


def get(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def page(session: Session, *, offset: int, limit: int) -> tuple[list[User], int]:
    rows = session.scalars(select(User).order_by(User.id).offset(offset).limit(limit)).all()
    total = session.scalar(select(func.count()).select_from(User)) or 0
    return list(rows), total


def update(session: Session, user: User, *, role: str | None, is_active: bool | None) -> User:
    if role is not None:
        user.role = role
    if is_active is not None:
        user.is_active = is_active
    session.commit()
    return user
