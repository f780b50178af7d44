"""The advisor UI's login form and logout button."""

from fastapi.testclient import TestClient

from tests.api.conftest import PASSWORD, MakeUser, csrf_of, ui_login


def test_login_form_is_protected_by_a_double_submit_token(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("advisor")
    form = client.get("/advisor/login")
    token = csrf_of(form.text)
    assert "kohtaamo_login_csrf" in form.headers["set-cookie"]
    assert "SameSite=strict" in form.headers["set-cookie"]

    data = {"email": "advisor@example.org", "password": PASSWORD, "csrf_token": "forged"}
    forged = client.post("/advisor/login", data=data, follow_redirects=False)
    assert forged.status_code == 403
    assert "Lomake vanhentui" in forged.text

    client.cookies.clear()  # a cross-site form has the field but not our cookie
    data["csrf_token"] = token
    assert client.post("/advisor/login", data=data, follow_redirects=False).status_code == 403


def test_wrong_password_shows_a_generic_message(client: TestClient, make_user: MakeUser) -> None:
    make_user("advisor")
    form = client.get("/advisor/login")
    data = {
        "email": "advisor@example.org",
        "password": "wrong one!!!",
        "csrf_token": csrf_of(form.text),
    }
    reply = client.post("/advisor/login", data=data)
    assert reply.status_code == 401
    assert "Sähköposti tai salasana on väärin." in reply.text
    assert client.get("/advisor", follow_redirects=False).headers["location"] == "/advisor/login"


def test_logout_ends_the_session(client: TestClient, advisor: None) -> None:
    page = client.get("/advisor")
    token = client.cookies["kohtaamo_session"]
    assert client.post("/advisor/logout", data={"csrf_token": "forged"}).status_code == 403
    out = client.post(
        "/advisor/logout", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False
    )
    assert (out.status_code, out.headers["location"]) == (303, "/advisor/login")
    client.cookies.clear()
    client.cookies.set("kohtaamo_session", token)
    assert client.get("/advisor", follow_redirects=False).status_code == 303


def test_the_form_locks_after_repeated_wrong_passwords(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("advisor")

    def submit(password: str) -> int:
        form = client.get("/advisor/login")
        data = {"email": "advisor@example.org", "password": password}
        reply = client.post(
            "/advisor/login",
            data={**data, "csrf_token": csrf_of(form.text)},
            follow_redirects=False,
        )
        if reply.status_code == 429:
            assert "Liian monta epäonnistunutta kirjautumista" in reply.text
        return reply.status_code

    assert [submit("wrong one!!!") for _ in range(5)] == [401] * 5
    assert submit(PASSWORD) == 429
    assert ui_login(client, "advisor@example.org") == 429
