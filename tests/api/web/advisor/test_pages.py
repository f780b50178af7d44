"""The advisor's pages, through their forms as a browser would use them."""

import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import AuditEntry, Meeting, PulseInvitation
from api.repositories import outbox
from tests.api.client_meetings_helpers import answer, consent, create_meeting, redeem
from tests.api.conftest import START, Clock, MakeUser, csrf_of, login, ui_login
from tests.api.html_checks import check_page

CLIENT_KEY = "rest-client-1"
TG_KEY = "tg-0123456789abcdef0123456789abcdef"


def test_login_create_a_meeting_and_see_the_invitation(client: TestClient, advisor: None) -> None:
    listing = client.get("/advisor")
    assert listing.status_code == 200
    check_page(listing.text, "fi")
    assert "Aino Neuvoja" in listing.text

    form = client.get("/advisor/meetings/new")
    check_page(form.text, "fi")
    data = {"client_ref": "asiakas-7", "day": "2026-12-03", "at": "10:00", "language": "sv"}
    assert client.post("/advisor/meetings/new", data=data).status_code == 403  # no CSRF token
    created = client.post(
        "/advisor/meetings/new",
        data={**data, "csrf_token": csrf_of(form.text)},
        follow_redirects=False,
    )
    assert created.status_code == 303
    invite = client.get(created.headers["location"])
    assert invite.status_code == 200
    check_page(invite.text, "fi")
    code = re.search(r'class="invite-code"[^>]*>([0-9A-Z-]+)<', invite.text)
    assert code is not None
    assert re.fullmatch(r"\w{4}-\w{4}-\w{4}-\w", code.group(1))
    plain = code.group(1).replace("-", "")
    assert f"http://127.0.0.1:8000/?code={plain}" in invite.text
    assert f"https://t.me/kohtaamo_bot?start={plain}" in invite.text
    assert (
        '<svg role="img"' in invite.text and "<title>QR-koodi verkkolinkkiin</title>" in invite.text
    )
    assert "<script" not in invite.text

    listing = client.get("/advisor")
    assert "asiakas-7" in listing.text
    assert "3.12.2026 klo 10.00" in listing.text  # Finnish time, as entered
    assert "Ei vielä" in listing.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"client_ref": "010190-123A"}, "Viite näyttää henkilötunnukselta"),
        ({"day": "2026-11-30"}, "Tapaamisen pitää alkaa tulevaisuudessa."),
        ({"day": "huomenna"}, "Anna päivä ja kellonaika."),
        ({"language": "de"}, "Valitse kieli."),
        ({"kind": "assistant"}, "Valitse tapaamisen laji."),
    ],
)
def test_form_errors_are_shown_next_to_the_fields(
    client: TestClient, advisor: None, data: dict[str, str], message: str
) -> None:
    form = client.get("/advisor/meetings/new")
    base = {"client_ref": "ok", "day": "2026-12-03", "at": "10:00", "language": "fi"}
    reply = client.post(
        "/advisor/meetings/new", data={**base, **data, "csrf_token": csrf_of(form.text)}
    )
    assert reply.status_code == 422
    assert message in reply.text
    assert 'role="alert"' in reply.text and 'aria-invalid="true"' in reply.text
    check_page(reply.text, "fi")


def test_the_meeting_page_quotes_the_clients_redacted_words_and_is_audited(
    client: TestClient, advisor: None, db: Session, clock: Clock
) -> None:
    meeting = create_meeting(client, login(client, "advisor@example.org"))
    redeem(client, CLIENT_KEY, meeting["invite_code"])
    consent(client, CLIENT_KEY, True)
    answer(client, CLIENT_KEY, "concerns", "Pelkään <b>haastattelua</b>, soita 0401234567")
    answer(client, CLIENT_KEY, "topics", "Palkkatuki")
    client.post(
        f"/api/v1/conversations/{CLIENT_KEY}/faq-topics",
        json={"topic": "alpha"},
        headers={"Authorization": "Bearer test-service-token"},
    )
    clock.advance(timedelta(minutes=1))

    page = client.get(f"/advisor/meetings/{meeting['id']}")
    assert page.status_code == 200
    check_page(page.text, "fi")
    assert "Pelkään &lt;b&gt;haastattelua&lt;/b&gt;, soita &lt;NUMBER&gt;" in page.text
    assert "0401234567" not in page.text
    assert page.text.index("Palkkatuki") < page.text.index("Pelkään")  # topics first
    assert "Aihe alpha" in page.text
    assert "Asiakas antoi luvan" in page.text
    assert "1.12.2026 klo 10.00" in page.text  # the last change, in Finnish time
    audit = db.scalars(select(AuditEntry)).all()
    assert [(a.action, a.meeting_id) for a in audit] == [("summary.read", meeting["id"])]

    listing = client.get("/advisor")
    assert "Asiakas on valmistautunut" in listing.text


def test_the_kind_of_meeting_is_chosen_in_the_form_and_shown_on_its_page(
    client: TestClient, advisor: None
) -> None:
    form = client.get("/advisor/meetings/new")
    assert '<option value="other_meeting" selected>Muu tapaaminen</option>' in form.text
    assert '<option value="initial_interview" >Alkuhaastattelu</option>' in form.text
    data = {
        "client_ref": "asiakas-8",
        "day": "2026-12-03",
        "at": "10:00",
        "language": "fi",
        "kind": "job_search_discussion",
        "csrf_token": csrf_of(form.text),
    }
    created = client.post("/advisor/meetings/new", data=data, follow_redirects=False)
    meeting_id = created.headers["location"].split("/")[-2]
    page = client.get(f"/advisor/meetings/{meeting_id}")
    check_page(page.text, "fi")
    assert "<dt>Tapaamisen laji</dt>\n  <dd>Työnhakukeskustelu</dd>" in page.text
    english = client.get(f"/advisor/meetings/{meeting_id}?lang=en")
    assert "<dd>Job search discussion</dd>" in english.text


def test_marking_held_sends_the_client_the_pulse_survey(
    client: TestClient, advisor: None, db: Session
) -> None:
    meeting = create_meeting(client, login(client, "advisor@example.org"))
    page = client.get(f"/advisor/meetings/{meeting['id']}")
    assert "palautekyselyn" not in page.text  # nobody opened the invitation: no one to ask
    redeem(client, TG_KEY, meeting["invite_code"])
    page = client.get(f"/advisor/meetings/{meeting['id']}")
    assert "asiakas saa chattiin lyhyen nimettömän palautekyselyn" in page.text
    url = f"/advisor/meetings/{meeting['id']}/complete"
    client.post(url, data={"csrf_token": csrf_of(page.text)}, follow_redirects=False)
    invitation = db.get(PulseInvitation, TG_KEY)
    assert invitation is not None and invitation.step == "other_meeting"
    pending = outbox.undelivered(db, "tg-")
    assert [(m.purpose, m.step) for m in pending] == [("pulse", "other_meeting")]
    # The survey is no reminder: the reminder section does not count it.
    assert "Viimeisin muistutus" not in client.get(f"/advisor/meetings/{meeting['id']}").text


def test_mark_as_held(client: TestClient, advisor: None, db: Session) -> None:
    meeting = create_meeting(client, login(client, "advisor@example.org"))
    page = client.get(f"/advisor/meetings/{meeting['id']}")
    url = f"/advisor/meetings/{meeting['id']}/complete"
    assert client.post(url, data={"csrf_token": "forged"}).status_code == 403
    held = client.post(url, data={"csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert held.status_code == 303
    row = db.get(Meeting, meeting["id"])
    assert row is not None
    db.refresh(row)
    assert row.completed_at is not None
    assert "Merkitse pidetyksi" not in client.get(held.headers["location"]).text


def test_another_advisor_gets_404_and_a_content_editor_403(
    client: TestClient, advisor: None, make_user: MakeUser
) -> None:
    meeting = create_meeting(client, login(client, "advisor@example.org"))
    make_user("advisor", email="other@example.org")
    make_user("content_editor")

    client.cookies.clear()
    ui_login(client, "other@example.org")
    for path in ["", "/invite"]:
        reply = client.get(f"/advisor/meetings/{meeting['id']}{path}")
        assert reply.status_code == 404
        check_page(reply.text, "fi")

    client.cookies.clear()
    ui_login(client, "content_editor@example.org")
    for path in ["/advisor", f"/advisor/meetings/{meeting['id']}"]:
        reply = client.get(path)
        assert reply.status_code == 403
        assert "Tämä näkymä on vain neuvojille." in reply.text


def test_the_send_reminder_button_on_the_meeting_page(
    client: TestClient, make_user: MakeUser, db: Session
) -> None:
    make_user("advisor", name="Aino Neuvoja")
    assert ui_login(client, "advisor@example.org") == 303
    meeting = create_meeting(client, login(client, "advisor@example.org"), language="sv")
    url = f"/advisor/meetings/{meeting['id']}"

    page = client.get(url)
    assert "Asiakas ei ole vielä avannut kutsua" in page.text
    assert "Lähetä muistutus" not in page.text
    refused = client.post(
        f"{url}/reminder", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False
    )
    assert refused.headers["location"] == f"{url}?reminder=not_opened"

    redeem(client, TG_KEY, meeting["invite_code"])
    page = client.get(url)
    check_page(page.text, "fi")
    assert "Lähetä muistutus" in page.text
    assert client.post(f"{url}/reminder", data={"csrf_token": "forged"}).status_code == 403
    sent = client.post(
        f"{url}/reminder", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False
    )
    assert sent.status_code == 303
    shown = client.get(sent.headers["location"])
    check_page(shown.text, "fi")
    assert "Muistutus on jonossa" in shown.text
    assert "odottaa toimitusta" in shown.text
    [queued] = outbox.undelivered(db, "tg-")
    assert queued.text.startswith("Påminnelse: ditt möte är tors 3.12. kl. 10.00.")
    assert queued.meeting_id == meeting["id"]

    outbox.mark_delivered(db, queued.id, now=START + timedelta(minutes=5))
    final = client.get(url).text
    assert "odottaa toimitusta" not in final
    assert re.search(r"toimitettu <time [^>]*>1\.12\.2026 klo 10\.05</time>", final)
