"""The admin's pages of the developer-client panel, as a browser uses them: the members (each
opening audited), the counts and the CSV link; a pilot invitation sent through the outbox
(Telegram pushed, e-mail queued with a mark) and its answers."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import AuditEntry, OutboxMessage, Pilot
from tests.api.conftest import SERVICE_HEADERS, MakeUser, csrf_of, ui_login
from tests.api.html_checks import check_page
from tests.api.web.admin.conftest import Join

TG = "tg-0123456789abcdef0123456789abcdef"
TG2 = "tg-fedcba9876543210fedcba9876543210"
WEB = "0b5e3c4a-web"


def audited(db: Session) -> list[str]:
    return [entry.action for entry in db.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_the_members_their_counts_and_each_opening_audited(
    client: TestClient, db: Session, admin: None, join: Join
) -> None:
    join(TG, ["digital_services", "training"], languages=["fi", "sv"])
    join(WEB, ["training"], email="matti.meikalainen@example.fi", languages=["en"])
    reply = client.get("/admin/panel")
    assert reply.status_code == 200
    page = check_page(reply.text, "fi")
    assert page.inline_scripts == 0 and "<script" not in reply.text
    assert "script-src 'self'" in reply.headers["content-security-policy"]
    assert reply.headers["cache-control"] == "no-store"
    html = reply.text
    assert "<dt>Jäseniä</dt><dd>2</dd>" in html
    assert '<th scope="row">Koulutus</th><td>2</td>' in html
    assert '<th scope="row">Digitaaliset palvelut</th><td>1</td>' in html
    assert '<th scope="row">Työnhaku</th><td>0</td>' in html
    assert '<th scope="row">ruotsi</th><td>1</td>' in html
    assert '<th scope="row">Sähköposti</th><td>1</td>' in html
    assert "<td>Digitaaliset palvelut, Koulutus</td>" in html
    assert "<td>suomi, ruotsi</td>" in html
    assert '<time datetime="2026-12-01">1.12.2026</time>' in html
    # The address stays in the CSV (whose download is audited), off the screen.
    assert "matti.meikalainen@example.fi" not in html
    assert 'href="/api/v1/panel/export"' in html
    assert audited(db) == ["panel_read"]
    client.get("/admin/panel?lang=en")
    assert audited(db) == ["panel_read", "panel_read"]
    export = client.get("/api/v1/panel/export")
    assert export.status_code == 200 and "matti.meikalainen@example.fi" in export.text
    assert audited(db) == ["panel_read", "panel_read", "panel_export"]


def test_the_members_page_in_english_and_empty(client: TestClient, admin: None) -> None:
    reply = client.get("/admin/panel", params={"lang": "en"})
    check_page(reply.text, "en")
    assert "The panel has no members yet." in reply.text
    assert "<dt>Members</dt><dd>0</dd>" in reply.text


@pytest.mark.parametrize("role", ["analyst", "advisor", "content_editor"])
@pytest.mark.parametrize("path", ["/admin/panel", "/admin/pilots"])
def test_other_roles_are_refused_with_a_page_and_nothing_is_audited(
    client: TestClient, db: Session, make_user: MakeUser, role: str, path: str
) -> None:
    make_user(role)
    ui_login(client, f"{role}@example.org")
    reply = client.get(path)
    assert reply.status_code == 403
    check_page(reply.text, "fi")
    assert "vain ylläpitäjille" in reply.text
    assert audited(db) == []


@pytest.mark.parametrize("path", ["/admin/panel", "/admin/pilots"])
def test_without_a_login_to_the_login_form(client: TestClient, path: str) -> None:
    reply = client.get(path, follow_redirects=False)
    assert reply.status_code == 303 and reply.headers["location"] == "/advisor/login"


FORM = {
    "title_fi": "Verkkoasioinnin kokeilu",
    "title_sv": "Försök med e-tjänster",
    "title_en": "Online services pilot",
    "text_fi": "Testaa uutta ajanvarausta kanssamme.",
    "text_sv": "Testa den nya tidsbokningen med oss.",
    "text_en": "Test the new booking with us.",
    "answer_by": "2026-12-20",
    "interests": ["digital_services", "other"],
}


def test_a_pilot_invitation_goes_out_through_the_outbox_and_its_answers_show(
    client: TestClient, db: Session, admin: None, join: Join
) -> None:
    join(TG, ["digital_services"])
    join(TG2, ["training"])  # not one of the pilot's interests
    join(WEB, ["other"], language="en")
    form = client.get("/admin/pilots")
    check_page(form.text, "fi")
    assert "Kutsuja ei ole vielä lähetetty." in form.text
    assert client.post("/admin/pilots", data=FORM).status_code == 403  # no CSRF token
    assert db.scalars(select(Pilot)).all() == []

    sent = client.post(
        "/admin/pilots", data={**FORM, "csrf_token": csrf_of(form.text)}, follow_redirects=False
    )
    assert sent.status_code == 303
    assert re.fullmatch(r"/admin/pilots\?created=\d+", sent.headers["location"])
    page = client.get(sent.headers["location"])
    check_page(page.text, "fi")
    assert 'role="status"' in page.text
    assert "kutsuttuja 2, joista 1 odottaa sähköpostia" in page.text

    # The Telegram member's invitation is pushed; the e-mail member's stays queued for e-mail.
    [pushed] = client.get(
        "/api/v1/outbox", params={"channel": "telegram"}, headers=SERVICE_HEADERS
    ).json()
    assert (pushed["conversation_key"], pushed["purpose"]) == (TG, "pilot_invitation")
    assert pushed["text"].startswith("Verkkoasioinnin kokeilu\n\nTestaa uutta ajanvarausta")
    queued = db.scalars(select(OutboxMessage).where(OutboxMessage.deliver_by == "email")).one()
    assert queued.conversation_key == WEB and queued.delivered_at is None
    assert queued.text.startswith("Online services pilot")  # the member's language
    assert '<span class="mark mark-queued">1 ei lähetetty' in page.text

    invitation = f"/api/v1/conversations/{TG}/panel/invitations/{pushed['pilot_invitation_id']}"
    answered = client.put(invitation, json={"answer": "yes"}, headers=SERVICE_HEADERS)
    assert answered.status_code == 200
    listing = client.get("/admin/pilots").text
    row = re.search(r"<th scope=\"row\">Verkkoasioinnin kokeilu</th>(.*?)</tr>", listing, re.S)
    assert row is not None
    cells = re.findall(r"<td>(.*?)</td>", row.group(1), re.S)
    assert cells[2:6] == ["2", "1", "0", "1"]  # invited, yes, no, not answered
    assert "20.12.2026" in cells[0]
    assert cells[1] == "Digitaaliset palvelut, Muu"
    english = client.get("/admin/pilots", params={"lang": "en"}).text
    check_page(english, "en")
    assert '<th scope="row">Online services pilot</th>' in english
    assert "1 not sent: e-mail is not sent yet" in english


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title_sv": "  "}, "title_sv", "Kirjoita otsikko (1–200 merkkiä)."),
        ({"text_en": "x" * 4001}, "text_en", "Kirjoita teksti (1–4000 merkkiä)."),
        ({"answer_by": "2026-11-30"}, "answer_by", "Anna päivä, joka ei ole menneisyydessä."),
        ({"answer_by": "huomenna"}, "answer_by", "Anna päivä, joka ei ole menneisyydessä."),
        ({"interests": []}, "interests", "Valitse ainakin yksi kiinnostuksen kohde."),
        ({"interests": ["nonsense"]}, "interests", "Valitse ainakin yksi kiinnostuksen kohde."),
    ],
)
def test_pilot_form_errors_are_shown_next_to_the_fields_and_nothing_is_sent(
    client: TestClient,
    db: Session,
    admin: None,
    join: Join,
    change: dict[str, object],
    field: str,
    message: str,
) -> None:
    join(TG, ["digital_services"])
    form = client.get("/admin/pilots")
    reply = client.post("/admin/pilots", data={**FORM, **change, "csrf_token": csrf_of(form.text)})
    assert reply.status_code == 422
    check_page(reply.text, "fi")
    assert 'role="alert"' in reply.text and message in reply.text
    assert f'id="{field}-error"' in reply.text
    assert db.scalars(select(Pilot)).all() == []
    assert db.scalars(select(OutboxMessage)).all() == []
    # What was typed stays in the form.
    assert 'value="Verkkoasioinnin kokeilu"' in reply.text


def test_an_answer_by_day_of_today_is_accepted(
    client: TestClient, db: Session, admin: None
) -> None:
    form = client.get("/admin/pilots")
    data = {**FORM, "answer_by": "2026-12-01", "csrf_token": csrf_of(form.text)}
    reply = client.post("/admin/pilots", data=data, follow_redirects=False)
    assert reply.status_code == 303
    assert "kutsuttuja 0, joista 0" in client.get(reply.headers["location"]).text
