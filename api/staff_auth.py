"""Checking a staff member's credentials (the API's login and the advisor UI's share it)."""

from sqlalchemy.orm import Session

from api.orm import User
from api.passwords import verify_password
from api.repositories import users


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with these credentials; the same work whether or not the user exists."""
    user = users.by_email(session, email)
    valid = verify_password(password, user.password_hash if user is not None else None)
    return user if valid and user is not None and user.is_active else None
