"""The analyst's dashboard and "we did" form, through the pages as a browser uses them."""

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import ThemeAction
from tests.api.conftest import PASSWORD, MakeUser, csrf_of, ui_login
from tests.api.html_checks import check_page
from tests.api.pulse_rows import answers, mask, offers, proposals, store


def seed(db: Session) -> None:
    store(
        db,
        [
            *answers(14, step="assistant", rating=5, went_well=mask("quick")),
            *answers(6, step="job_search_discussion", rating=2, outcome="no",
                     to_improve=mask("clear_information", "quick"),
                     to_improve_text="Jonotus puhelimessa kesti tunnin",
                     to_improve_theme="meetings_guidance"),
            *answers(2, step="initial_interview", rating=1, outcome="partly"),
            *offers(40),
            *proposals(5, theme="digital_services", text="Chat myös iltaisin"),
        ],
    )  # fmt: skip


def test_login_lands_an_analyst_on_the_dashboard(client: TestClient, make_user: MakeUser) -> None:
    make_user("analyst")
    form = client.get("/advisor/login")
    data = {"email": "analyst@example.org", "password": PASSWORD, "csrf_token": csrf_of(form.text)}
    reply = client.post("/advisor/login", data=data, follow_redirects=False)
    assert reply.status_code == 303 and reply.headers["location"] == "/analyst"
    again = client.get("/advisor/login", follow_redirects=False)
    assert again.headers["location"] == "/analyst"


def test_the_dashboard_shows_the_figures_charts_and_tables(
    client: TestClient, db: Session, analyst: None
) -> None:
    seed(db)
    reply = client.get("/analyst")
    assert reply.status_code == 200
    page = check_page(reply.text, "fi")
    assert page.inline_scripts == 0 and "<script" not in reply.text
    csp = reply.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert reply.headers["cache-control"] == "no-store"
    html = reply.text
    assert "Anna Analyytikko" in html
    # Charts: server-side SVG images with a title and description, each beside a table.
    svgs = re.findall(r'<svg [^>]*role="img"[^>]*>', html)
    assert len(svgs) == 5
    assert '<title id="chart-mean-title">Arvosanojen keskiarvo viikoittain</title>' in html
    assert 'aria-labelledby="chart-drivers-title chart-drivers-desc"' in html
    assert html.count("<table") >= 8
    # Figures, in Finnish, and the protection in words from MIN_GROUP.
    assert "alle 5 vastausta" in html
    assert re.search(r"<dt>Vastauksia</dt><dd>22</dd>", html)
    assert re.search(r"<dt>Kysely tarjottu</dt><dd>40</dd>", html)
    assert '<th scope="row">Tämä avustaja</th><td>14</td><td>5,00</td>' in html
    # 2 answers of the initial interview: hidden, and the next smallest step too.
    assert '<th scope="row">Alkuhaastattelu</th><td><span class="hidden-figure">' in html
    assert "Jonotus puhelimessa kesti tunnin" in html  # a theme of 6 texts, quoted
    assert "<strong>Tapaamiset ja ohjaus</strong>" in html  # named in the UI's language
    assert "Chat myös iltaisin" in html  # 5 proposals in a theme: quoted
    assert 'href="/api/v1/analytics/export.csv?from=2026-09-14&amp;to=2026-12-01"' in html


def test_markup_in_clients_texts_is_shown_as_text(
    client: TestClient, db: Session, analyst: None
) -> None:
    """A quoted pulse text or proposal with HTML and a script: escaped, never run."""
    markup = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quoted"'
    store(
        db,
        [
            *answers(6, step="assistant", rating=2, to_improve_text=markup,
                     to_improve_theme="digital_services"),
            *proposals(5, theme="training", text=markup),
        ],
    )  # fmt: skip
    html = client.get("/analyst").text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert check_page(html, "fi").inline_scripts == 0


def test_the_dashboard_in_english(client: TestClient, db: Session, analyst: None) -> None:
    seed(db)
    reply = client.get("/analyst", params={"lang": "en", "from": "2026-11-23", "to": "2026-11-29"})
    check_page(reply.text, "en")
    assert "fewer than 5 answers" in reply.text
    assert '<title id="chart-mean-title">Mean rating by week</title>' in reply.text
    assert "Weeks 23 Nov 2026 to 29 Nov 2026." in reply.text
    assert client.get("/analyst").text.startswith('<!doctype html>\n<html lang="en">')


def test_a_wrong_range_says_so_and_shows_the_default_weeks(
    client: TestClient, analyst: None
) -> None:
    reply = client.get("/analyst", params={"from": "2026-12-01", "to": "2026-01-01"})
    assert reply.status_code == 200
    check_page(reply.text, "fi")
    assert 'role="alert"' in reply.text and "Tarkista päivät" in reply.text


def test_an_empty_dashboard_draws_no_empty_charts(client: TestClient, analyst: None) -> None:
    reply = client.get("/analyst")
    check_page(reply.text, "fi")
    assert "<svg" not in reply.text
    assert "Ei tekstejä." in reply.text


@pytest.mark.parametrize("role", ["advisor", "content_editor"])
@pytest.mark.parametrize("path", ["/analyst", "/analyst/we-did"])
def test_other_roles_are_refused_with_a_page(
    client: TestClient, make_user: MakeUser, role: str, path: str
) -> None:
    make_user(role)
    ui_login(client, f"{role}@example.org")
    reply = client.get(path)
    assert reply.status_code == 403
    check_page(reply.text, "fi")
    assert "vain palvelujen kehittäjille" in reply.text


def test_an_admin_may_see_the_dashboard(client: TestClient, make_user: MakeUser) -> None:
    make_user("admin")
    assert ui_login(client, "admin@example.org") == 303
    assert client.get("/analyst").status_code == 200


@pytest.mark.parametrize("path", ["/analyst", "/analyst/we-did"])
def test_without_a_login_to_the_login_form(client: TestClient, path: str) -> None:
    reply = client.get(path, follow_redirects=False)
    assert reply.status_code == 303 and reply.headers["location"] == "/advisor/login"


FORM = {
    "theme": "digital_services",
    "text_fi": "Chat vastaa nyt myös iltaisin.",
    "text_sv": "Chatten svarar nu också på kvällarna.",
    "text_en": "The chat now answers in the evenings too.",
    "done_on": "2026-11-30",
}


def test_recording_a_we_did(client: TestClient, db: Session, analyst: None) -> None:
    form = client.get("/analyst/we-did")
    check_page(form.text, "fi")
    assert client.post("/analyst/we-did", data=FORM).status_code == 403  # no CSRF token
    reply = client.post(
        "/analyst/we-did", data={**FORM, "csrf_token": csrf_of(form.text)}, follow_redirects=False
    )
    assert reply.status_code == 303 and reply.headers["location"] == "/analyst/we-did?saved=1"
    listing = client.get(reply.headers["location"])
    check_page(listing.text, "fi")
    assert 'role="status"' in listing.text and "Tallennettu." in listing.text
    assert '<p lang="sv">Chatten svarar nu också på kvällarna.</p>' in listing.text
    stored = db.scalars(select(ThemeAction)).one()
    assert (stored.theme, stored.done_on) == ("digital_services", date(2026, 11, 30))
    dashboard = client.get("/analyst")
    assert "30.11.2026</time>: Chat vastaa nyt myös iltaisin." in dashboard.text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"theme": "nonsense"}, "Valitse teema."),
        ({"text_sv": "   "}, "Kirjoita teksti (1–500 merkkiä)."),
        ({"done_on": "2026-12-02"}, "Anna päivä, joka ei ole tulevaisuudessa."),
        ({"done_on": "eilen"}, "Anna päivä, joka ei ole tulevaisuudessa."),
    ],
)
def test_we_did_form_errors_are_shown_next_to_the_fields(
    client: TestClient, db: Session, analyst: None, change: dict[str, str], message: str
) -> None:
    form = client.get("/analyst/we-did")
    reply = client.post(
        "/analyst/we-did", data={**FORM, **change, "csrf_token": csrf_of(form.text)}
    )
    assert reply.status_code == 422
    check_page(reply.text, "fi")
    assert message in reply.text and 'aria-invalid="true"' in reply.text
    assert db.scalars(select(ThemeAction)).all() == []
