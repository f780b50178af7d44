"""/api/v1/users: admins manage staff accounts."""

from fastapi.testclient import TestClient

from tests.api.conftest import MakeUser, login

ME = "/api/v1/auth/me"


def use_cookie(client: TestClient, token: str) -> None:
    client.cookies.clear()
    client.cookies.set("kohtaamo_session", token)


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
