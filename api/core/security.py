"""Staff security: password hashes, the login cookie and its CSRF token, checking credentials.

The dependencies that use these (who is logged in, with which role) are in `api.deps`.
"""

import hashlib
import secrets
from datetime import datetime
from functools import lru_cache

from fastapi import Response
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlalchemy.orm import Session

from api.core.settings import ApiSettings
from api.orm import User
from api.repositories import login_failures, users

# Passwords: Argon2 hashes through pwdlib.
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # hashing megabytes of "password" would be a cheap denial of service

_hasher = PasswordHash((Argon2Hasher(),))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash("no user has this password: it only costs the same time")


def verify_password(password: str, password_hash: str | None) -> bool:
    """Checks against a dummy hash when there is no user, so timing does not tell who exists."""
    if password_hash is None:
        _hasher.verify(password, _dummy_hash())
        return False
    return _hasher.verify(password, password_hash)


class LoginLocked(Exception):
    """Too many wrong passwords for this account, or from this source, in the window."""

    def __init__(self, minutes: int) -> None:
        super().__init__(f"too many failed logins: try again in {minutes} minutes")
        self.minutes = minutes


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def check_login(
    session: Session,
    settings: ApiSettings,
    email: str,
    password: str,
    source: str | None,
    *,
    now: datetime,
) -> User | None:
    """`authenticate`, throttled: LoginLocked after LOGIN_MAX_FAILURES wrong passwords for the
    email (whether or not such a user exists, so that the lock tells nobody who does) or
    LOGIN_MAX_FAILURES_PER_SOURCE from the source address, within LOGIN_FAILURE_WINDOW.
    A locked login is refused before the password is checked; a right one clears the count."""
    account, origin = _hash(email.strip().lower()), _hash(source or "unknown")
    window = settings.login_failure_window
    since = now - window
    minutes = max(1, int(window.total_seconds() // 60))
    if (
        login_failures.count_for_account(session, account, since) >= settings.login_max_failures
        or login_failures.count_for_source(session, origin, since)
        >= settings.login_max_failures_per_source
    ):
        raise LoginLocked(minutes)
    user = authenticate(session, email, password)
    if user is None:
        login_failures.record(session, account, origin, now=now, forget_before=since)
    else:
        login_failures.forget_account(session, account)
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with these credentials; the same work whether or not the user exists.

    The API's login and the advisor UI's login form share it.
    """
    user = users.by_email(session, email)
    valid = verify_password(password, user.password_hash if user is not None else None)
    return user if valid and user is not None and user.is_active else None


# The staff login cookie and the CSRF rules that go with it.
SESSION_COOKIE = "kohtaamo_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FORM_FIELD = "csrf_token"
# Before login there is no session to hold a CSRF token: the login form double-submits this one.
LOGIN_CSRF_COOKIE = "kohtaamo_login_csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def tokens_match(sent: str | None, expected: str) -> bool:
    """In constant time, so that timing does not leak the expected token."""
    return sent is not None and secrets.compare_digest(sent, expected)


def set_session_cookie(response: Response, token: str, settings: ApiSettings) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(settings.session_lifetime.total_seconds()),
        path="/",
        secure=settings.session_cookie_secure,
        httponly=True,
        samesite="strict",
    )


def clear_session_cookie(response: Response, settings: ApiSettings) -> None:
    response.delete_cookie(
        SESSION_COOKIE,
        path="/",
        secure=settings.session_cookie_secure,
        httponly=True,
        samesite="strict",
    )
