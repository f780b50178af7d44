from datetime import timedelta

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.main import create_app
from api.orm import UserSession
from api.settings import ApiSettings
from tests.api.conftest import PASSWORD, Clock, MakeUser, login, rasa_up

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
    with TestClient(create_app(secure, httpx.MockTransport(rasa_up))) as client:
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


def test_deactivating_a_user_ends_their_sessions_at_once(
    client: TestClient, make_user: MakeUser
) -> None:
    advisor = make_user("advisor")
    make_user("admin")
    login(client, "advisor@example.org")
    advisor_cookie = client.cookies["kohtaamo_session"]

    admin_csrf = login(client, "admin@example.org")
    reply = client.patch(
        f"/api/v1/users/{advisor.id}", json={"is_active": False}, headers=admin_csrf
    )
    assert reply.status_code == 200
    assert reply.json()["is_active"] is False

    use_cookie(client, advisor_cookie)
    assert client.get(ME).status_code == 401


def test_an_admin_cannot_lock_themselves_out(client: TestClient, make_user: MakeUser) -> None:
    admin = make_user("admin")
    csrf = login(client, "admin@example.org")
    url = f"/api/v1/users/{admin.id}"
    assert client.patch(url, json={"is_active": False}, headers=csrf).status_code == 409
    assert client.patch(url, json={"role": "advisor"}, headers=csrf).status_code == 409


def test_admins_create_and_list_users(client: TestClient, make_user: MakeUser) -> None:
    make_user("admin")
    csrf = login(client, "admin@example.org")
    new = {
        "email": "Analyst@Example.org",
        "display_name": "Anna Analyst",
        "role": "analyst",
        "password": "another made-up password",
    }
    created = client.post("/api/v1/users", json=new, headers=csrf)
    assert created.status_code == 201
    assert created.json()["email"] == "analyst@example.org"
    assert "password" not in created.text and "argon2" not in created.text
    assert client.post("/api/v1/users", json=new, headers=csrf).status_code == 409
    short = {**new, "email": "b@example.org", "password": "short"}
    assert client.post("/api/v1/users", json=short, headers=csrf).status_code == 422
    listed = client.get("/api/v1/users").json()
    assert listed["total"] == 2
    assert {u["email"] for u in listed["items"]} == {"admin@example.org", "analyst@example.org"}
