"""How the advisor UI's pages are rendered: security headers, language, times, the answers to
a login that may not see a page."""

from datetime import UTC, datetime

import pytest
from fastapi import Request
from fastapi.testclient import TestClient

from api.web.advisor.rendering import is_page, time_formatter
from tests.api.html_checks import check_page
from vocabulary.languages import LANGUAGES


def test_pages_have_a_strict_content_security_policy(client: TestClient) -> None:
    page = client.get("/advisor/login")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert page.headers["cache-control"] == "no-store"
    check_page(page.text, "fi")
    assert client.get("/static/advisor.css").status_code == 200


def test_english_is_a_switch_kept_in_a_cookie(client: TestClient, advisor: None) -> None:
    english = client.get("/advisor?lang=en")
    assert "kohtaamo_ui_lang=en" in english.headers["set-cookie"]
    check_page(english.text, "en")
    assert "Upcoming meetings" in english.text
    assert 'href="/advisor?lang=fi"' in english.text  # the way back
    form = client.get("/advisor/meetings/new")
    check_page(form.text, "en")
    assert "Client reference" in form.text
    assert "Tulevat tapaamiset" in client.get("/advisor?lang=fi").text


def test_times_are_finnish_time_in_the_ui_language() -> None:
    moment = datetime(2026, 7, 3, 7, 5, tzinfo=UTC)
    assert time_formatter("fi")(moment) == "3.7.2026 klo 10.05"
    assert time_formatter("en")(moment) == "2026-07-03 10:05"
    assert time_formatter("fi")(None) == "ei koskaan"


def test_the_new_meeting_form_offers_every_client_language(
    client: TestClient, advisor: None
) -> None:
    form = client.get("/advisor/meetings/new").text
    for code in LANGUAGES:
        assert f'<option value="{code}"' in form
    assert ">ruotsi</option>" in form


@pytest.mark.parametrize("path", ["/advisor", "/advisor/meetings/x"])
def test_only_advisor_pages_count_as_pages(path: str) -> None:
    assert is_page(Request({"type": "http", "path": path, "query_string": b"", "headers": []}))


@pytest.mark.parametrize("path", ["/advisors", "/api/v1/meetings", "/"])
def test_other_paths_are_not_advisor_pages(path: str) -> None:
    assert not is_page(Request({"type": "http", "path": path, "query_string": b"", "headers": []}))
