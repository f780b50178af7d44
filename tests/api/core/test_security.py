"""Staff security: password hashes, token comparison, checking credentials."""

import pytest
from sqlalchemy.orm import Session

from api.core.security import authenticate, hash_password, tokens_match, verify_password
from tests.api.conftest import PASSWORD, MakeUser


def test_a_password_is_stored_as_an_argon2_hash() -> None:
    stored = hash_password("a made-up password")
    assert stored.startswith("$argon2")
    assert "a made-up password" not in stored
    assert verify_password("a made-up password", stored)
    assert not verify_password("another password", stored)


def test_without_a_user_the_check_still_costs_a_hash_and_fails() -> None:
    assert verify_password("anything at all", None) is False


@pytest.mark.parametrize(
    ("sent", "expected", "match"),
    [("abc", "abc", True), ("abd", "abc", False), (None, "abc", False), ("", "abc", False)],
)
def test_tokens_match(sent: str | None, expected: str, match: bool) -> None:
    assert tokens_match(sent, expected) is match


def test_authenticate_the_active_user_only(db: Session, make_user: MakeUser) -> None:
    user = make_user("advisor")
    assert authenticate(db, " Advisor@Example.org", PASSWORD) == user
    assert authenticate(db, "advisor@example.org", "wrong password!") is None
    assert authenticate(db, "nobody@example.org", PASSWORD) is None
    user.is_active = False
    db.commit()
    assert authenticate(db, "advisor@example.org", PASSWORD) is None
