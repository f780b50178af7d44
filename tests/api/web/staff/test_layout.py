"""The staff pages' one layout: the menu of the login's role (the page it is on marked), the
language names, which paths are whose pages."""

import re

import pytest
from fastapi import Request
from fastapi.testclient import TestClient

from api.web.staff.layout import MENUS, is_page_of, language_names
from tests.api.conftest import MakeUser, ui_login
from tests.api.html_checks import check_page


def menu_of(html: str) -> list[tuple[str, bool]]:
    """The menu's links and whether each is marked as the current page."""
    nav = re.search(r"<nav aria-label=\"[^\"]+\">(.*?)</nav>", html, re.S)
    assert nav is not None, "no menu"
    links = re.findall(r'<a href="([^"]+)"( aria-current="page")?>', nav.group(1))
    return [(href, bool(current)) for href, current in links]


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("advisor", "/advisor"),
        ("analyst", "/analyst"),
        ("content_editor", "/editor"),
        ("admin", "/admin/panel"),
    ],
)
def test_every_role_has_its_menu_in_the_one_layout(
    client: TestClient, make_user: MakeUser, role: str, path: str
) -> None:
    make_user(role, name="Made-up Person")
    ui_login(client, f"{role}@example.org")
    reply = client.get(path)
    assert reply.status_code == 200
    check_page(reply.text, "fi")
    assert menu_of(reply.text) == [(href, href == path) for href, _ in MENUS[role]]
    assert '<link rel="stylesheet" href="/static/advisor.css">' in reply.text
    assert "Kirjautuneena: Made-up Person" in reply.text


def test_the_admin_does_what_analysts_and_the_content_team_do_and_keeps_the_panel() -> None:
    analyst = [href for href, _ in MENUS["analyst"]]
    editor = [href for href, _ in MENUS["content_editor"]]
    admin = [href for href, _ in MENUS["admin"]]
    assert admin[: len(analyst)] == analyst and "/admin/panel" in admin
    assert admin[len(analyst) : len(analyst) + len(editor)] == editor


def test_a_refused_page_shows_the_menu_of_whoever_is_logged_in(
    client: TestClient, make_user: MakeUser
) -> None:
    make_user("advisor")
    ui_login(client, "advisor@example.org")
    reply = client.get("/analyst")
    assert reply.status_code == 403
    check_page(reply.text, "fi")
    assert [href for href, _ in menu_of(reply.text)] == [href for href, _ in MENUS["advisor"]]


def test_the_login_form_has_no_menu(client: TestClient) -> None:
    reply = client.get("/advisor/login")
    check_page(reply.text, "fi")
    assert "<nav" not in reply.text


def test_the_clients_languages_are_named_in_the_ui_language() -> None:
    assert language_names("fi") == {"fi": "suomi", "sv": "ruotsi", "en": "englanti"}
    assert language_names("en") == {"fi": "Finnish", "sv": "Swedish", "en": "English"}


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/admin", True), ("/admin/panel", True), ("/administration", False), ("/", False)],
)
def test_pages_of_a_prefix(path: str, expected: bool) -> None:
    request = Request({"type": "http", "path": path, "query_string": b"", "headers": []})
    assert is_page_of(request, "/admin") is expected
