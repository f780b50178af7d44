"""/api/v1/auth: staff login with a session cookie and its CSRF token; logout; who am I."""

from datetime import timedelta

import httpx
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.settings import ApiSettings
from api.main import create_app
from api.orm import LoginFailure, UserSession
from tests.api.conftest import KEYWORD_THEMES, PASSWORD, Clock, MakeUser, login, rasa_up

LOGIN = "/api/v1/auth/login"
ME = "/api/v1/auth/me"
LOGOUT = "/api/v1/auth/logout"


def use_cookie(client: TestClient, token: str) -> None:
    client.cookies.clear()
    client.cookies.set("kohtaamo_session", token)


def test_login_sets_a_strict_http_only_cookie_and_returns_the_csrf_token(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("advisor", email="aino@example.org", name="Aino Neuvoja")
    reply = client.post(LOGIN, json={"email": " AINO@example.org", "password": PASSWORD})
    assert reply.status_code == 200
    body = reply.json()
    assert body["email"] == "aino@example.org"
    assert (body["role"], body["display_name"]) == ("advisor", "Aino Neuvoja")
    assert len(body["csrf_token"]) >= 32
    cookie = reply.headers["set-cookie"]
    assert cookie.startswith("kohtaamo_session=")
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie
    assert "Secure" not in cookie  # off by default for localhost
    assert client.get(ME).json() == body


def test_secure_flag_is_configurable(settings: ApiSettings, make_user: MakeUser) -> None:
    make_user("advisor")
    secure = settings.model_copy(update={"session_cookie_secure": True})
    with TestClient(
        create_app(secure, httpx.MockTransport(rasa_up), theme_classifier=KEYWORD_THEMES)
    ) as client:
        reply = client.post(LOGIN, json={"email": "advisor@example.org", "password": PASSWORD})
    assert "Secure" in reply.headers["set-cookie"]


def test_wrong_password_and_unknown_email_get_the_same_401(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("advisor")
    wrong = client.post(LOGIN, json={"email": "advisor@example.org", "password": "not it at all"})
    unknown = client.post(LOGIN, json={"email": "nobody@example.org", "password": PASSWORD})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == {"detail": "wrong email or password"}
    assert "set-cookie" not in wrong.headers


def test_a_deactivated_user_cannot_log_in(
    client: TestClient, make_user: MakeUser, db: Session
) -> None:
    user = make_user("advisor")
    user.is_active = False
    db.commit()
    reply = client.post(LOGIN, json={"email": "advisor@example.org", "password": PASSWORD})
    assert reply.status_code == 401


def test_only_the_hash_of_the_session_token_is_stored(
    client: TestClient, make_user: MakeUser, db: Session
) -> None:
    make_user("advisor")
    login(client, "advisor@example.org")
    token = client.cookies["kohtaamo_session"]
    stored = db.scalars(select(UserSession.token_hash)).all()
    assert len(stored) == 1
    assert token not in stored[0]
    assert len(stored[0]) == 64


def test_without_a_session_me_is_401(client: TestClient) -> None:
    assert client.get(ME).status_code == 401
    use_cookie(client, "made-up-token")
    assert client.get(ME).status_code == 401


def test_logout_needs_the_csrf_token_and_revokes_the_session(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("advisor")
    csrf = login(client, "advisor@example.org")
    token = client.cookies["kohtaamo_session"]
    assert client.post(LOGOUT).status_code == 403
    assert client.post(LOGOUT, headers={"X-CSRF-Token": "guessed"}).status_code == 403
    assert client.get(ME).status_code == 200

    reply = client.post(LOGOUT, headers=csrf)
    assert reply.status_code == 204
    assert "kohtaamo_session=" in reply.headers["set-cookie"]  # cleared
    use_cookie(client, token)  # a copy of the cookie opens nothing
    assert client.get(ME).status_code == 401


def test_sessions_expire(
    client: TestClient, make_user: MakeUser, clock: Clock, settings: ApiSettings
) -> None:
    make_user("advisor")
    login(client, "advisor@example.org")
    clock.advance(settings.session_lifetime - timedelta(seconds=1))
    assert client.get(ME).status_code == 200
    clock.advance(timedelta(seconds=1))
    assert client.get(ME).status_code == 401


def wrong(client: TestClient, email: str = "aino@example.org") -> int:
    return client.post(LOGIN, json={"email": email, "password": "wrong password!"}).status_code


def test_repeated_wrong_passwords_lock_the_account_for_the_window(
    client: TestClient, make_user: MakeUser, clock: Clock, db: Session
) -> None:
    make_user("advisor", email="aino@example.org")
    assert [wrong(client) for _ in range(5)] == [401] * 5
    right = {"email": "aino@example.org", "password": PASSWORD}
    locked = client.post(LOGIN, json=right)  # even the right password: guessing learns nothing
    assert locked.status_code == 429
    assert locked.json() == {"detail": "too many failed logins: try again in 15 minutes"}
    assert wrong(client, "nobody@example.org") == 401  # other accounts are not locked
    assert [wrong(client, "NOBODY@example.org ") for _ in range(4)] == [401] * 4
    assert wrong(client, "nobody@example.org") == 429  # a made-up account locks the same way
    clock.advance(timedelta(minutes=15))
    assert client.post(LOGIN, json=right).status_code == 200
    stored = db.execute(select(LoginFailure.account_hash, LoginFailure.source_hash)).all()
    assert all("example.org" not in a + s and "testclient" not in s for a, s in stored)


def test_a_right_password_clears_the_accounts_count(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("advisor", email="aino@example.org")
    right = {"email": "aino@example.org", "password": PASSWORD}
    for _ in range(3):
        for _ in range(4):
            assert wrong(client) == 401
        assert client.post(LOGIN, json=right).status_code == 200


def test_many_accounts_from_one_source_lock_that_source(
    app: FastAPI, client: TestClient, settings: ApiSettings, make_user: MakeUser
) -> None:
    app.state.settings = settings.model_copy(update={"login_max_failures_per_source": 6})
    make_user("advisor", email="aino@example.org")
    assert [wrong(client, f"user{n}@example.org") for n in range(6)] == [401] * 6
    right = {"email": "aino@example.org", "password": PASSWORD}
    assert client.post(LOGIN, json=right).status_code == 429


def test_every_login_gets_a_new_session_and_the_old_one_ends(
    client: TestClient, make_user: MakeUser, db: Session
) -> None:
    make_user("advisor", email="aino@example.org")
    login(client, "aino@example.org")
    first = client.cookies["kohtaamo_session"]
    login(client, "aino@example.org")
    second = client.cookies["kohtaamo_session"]
    assert first != second
    assert len(db.scalars(select(UserSession)).all()) == 1
    use_cookie(client, first)
    assert client.get(ME).status_code == 401
