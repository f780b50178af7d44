"""The admin's developer-client panel pages in a real browser (Debian's Chromium, headless)
against the API: members who joined through the action server's API, the roster and counts,
a pilot invitation sent with the form (Telegram pushed, e-mail queued with a mark) and its
answers; axe-core finds nothing serious. Screenshots are kept."""

import re
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot, serious_violations
from tests.browser.test_analyst_dashboard import log_in, table
from tests.support.stack import SERVICE_TOKEN, Stack
from tests.support.staff import create_user

pytestmark = pytest.mark.browser

ADMIN = "aada.yllapitaja@example.org"
SERVICE = {"Authorization": f"Bearer {SERVICE_TOKEN}"}
TELEGRAM = "tg-5f1e0c2b9a8d7e6f5f1e0c2b9a8d7e6f"
WEB = "7c0d2e1f-web-made-up"


def join(stack: Stack, key: str, **choices: Any) -> None:
    """Joins the panel as the assistant does, through the action server's API."""
    path = f"{stack.api_url}/api/v1/conversations/{key}/panel"
    status = httpx.get(path, headers=SERVICE).json()
    body = {"consent_version": status["consent_version"], "language": "fi", **choices}
    reply = httpx.put(path, json=body, headers=SERVICE)
    assert reply.status_code == 200, reply.text


def test_the_admin_sees_the_members_and_sends_a_pilot_invitation(
    staff_page: Page, api_stack: Stack
) -> None:
    create_user(api_stack, ADMIN, "admin", "Aada Ylläpitäjä")
    join(
        api_stack,
        TELEGRAM,
        interests=["digital_services", "training"],
        languages=["fi", "sv"],
        contact_channel="telegram",
    )
    join(api_stack, WEB, interests=["digital_services"], languages=["en"], language="en",
         contact_channel="email", email="se on maija.mallikas@example.fi")  # fmt: skip
    page = staff_page
    log_in(page, ADMIN)
    page.get_by_role("link", name="Kehittäjäasiakkaat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kehittäjäasiakkaat")
    expect(page.locator("dl.figures dd")).to_have_text("2")
    assert table(page, "Kiinnostuksen kohteet")["Digitaaliset palvelut"] == ["2"]
    assert table(page, "Yhteystapa") == {"Telegram": ["1"], "Sähköposti": ["1"]}
    roster = page.get_by_role("region", name="Jäsenet")
    expect(roster.locator("tbody tr")).to_have_count(2)
    expect(roster).to_contain_text("Digitaaliset palvelut, Koulutus")
    expect(roster).not_to_contain_text("maija.mallikas")  # addresses only in the CSV
    assert page.get_by_role("link", name=re.compile("CSV")).get_attribute("href") == (
        "/api/v1/panel/export"
    )
    assert serious_violations(page) == []
    screenshot(page, "admin-panel-members")

    page.get_by_role("link", name="Kokeilukutsut").first.click()
    for code, language in (("fi", "suomeksi"), ("sv", "ruotsiksi"), ("en", "englanniksi")):
        page.get_by_label(f"Otsikko {language}").fill(f"Ajanvarauksen kokeilu ({code})")
        page.get_by_label(f"Kutsun teksti {language}").fill(f"Testaa uutta ajanvarausta ({code}).")
    # The service closes answering by the real day (the stack fixes only the FAQ's day).
    answer_by = date.today() + timedelta(days=30)
    page.get_by_label("Vastattava viimeistään").fill(answer_by.isoformat())
    page.get_by_label("Digitaaliset palvelut").check()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Lähetä kutsu").click()
    expect(page.get_by_role("status")).to_contain_text("kutsuttuja 2, joista 1 odottaa sähköpostia")
    expect(page.locator(".mark-queued")).to_have_text(
        "1 ei lähetetty: sähköpostia ei vielä lähetetä"
    )

    # The Telegram member gets it pushed and answers yes in the chat.
    [pushed] = httpx.get(
        f"{api_stack.api_url}/api/v1/outbox", params={"channel": "telegram"}, headers=SERVICE
    ).json()
    assert pushed["conversation_key"] == TELEGRAM
    assert pushed["text"].startswith("Ajanvarauksen kokeilu (fi)")
    invitation = (
        f"/api/v1/conversations/{TELEGRAM}/panel/invitations/{pushed['pilot_invitation_id']}"
    )
    answer = httpx.put(f"{api_stack.api_url}{invitation}", json={"answer": "yes"}, headers=SERVICE)
    assert answer.status_code == 200
    page.reload()
    pilots = table(page, "Lähetetyt kutsut")
    row = pilots["Ajanvarauksen kokeilu (fi)"]
    shown_day = f"{answer_by.day}.{answer_by.month}.{answer_by.year}"
    assert row[:6] == [shown_day, "Digitaaliset palvelut", "2", "1", "0", "1"]
    assert serious_violations(page) == []
    screenshot(page, "admin-pilot-invitations")

    page.get_by_role("link", name="In English").click()
    expect(page.locator(".mark-queued")).to_have_text("1 not sent: e-mail is not sent yet")
    assert serious_violations(page) == []
    screenshot(page, "admin-pilot-invitations-en")
