"""The content team's editor in a real browser (Debian's Chromium, headless) against the API
(the repository's 44 topics, imported at its first start): a content editor logs in, edits an
answer and saves it as a draft, previews it as the chat shows it on a day, and adds a message
the assistant did not understand (reported through the action server's API, redacted by the
real redactor) as an example question in two clicks; axe-core finds nothing serious on any
page. Nothing is published: the stack's FAQ_DIR is the repository's data/faq/. Screenshots
are kept."""

import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot, serious_violations
from tests.browser.test_analyst_dashboard import log_in
from tests.support.stack import SERVICE_TOKEN, Stack
from tests.support.staff import create_user

pytestmark = pytest.mark.browser

EDITOR = "eeva.editori@example.org"
SERVICE = {"Authorization": f"Bearer {SERVICE_TOKEN}"}
EDITED = "Alkuhaastattelu on ensimmäinen tapaaminen asiantuntijan kanssa (muokattu testissä)."
MISSED = "mikä ihmeen alkuhaastattelu, soittakaa 040 123 4567"


def test_an_editor_edits_previews_and_adds_a_missed_question(
    staff_page: Page, api_stack: Stack
) -> None:
    create_user(api_stack, EDITOR, "content_editor", "Eeva Editori")
    reply = httpx.post(
        f"{api_stack.api_url}/api/v1/faq-missed",
        json={"text": MISSED, "language": "fi", "kind": "fallback"},
        headers=SERVICE,
    )
    assert reply.status_code == 204
    page = staff_page
    log_in(page, EDITOR)
    expect(page.get_by_role("heading", level=1)).to_have_text("FAQ-aiheet")
    topics = page.get_by_role("region", name="FAQ-aiheet")
    expect(topics.locator("tbody tr")).to_have_count(44)
    assert serious_violations(page) == []
    screenshot(page, "editor-topics")

    # Edit the answer in force from 1.3.2026 (the third dated variant) and save.
    page.get_by_role("link", name="Alkuhaastattelu", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Muokkaa aihetta: Alkuhaastattelu")
    answer = page.locator("#variant-2").get_by_label("Vastaus (suomi)")
    answer.fill(EDITED)
    assert serious_violations(page) == []
    page.get_by_role("button", name="Tallenna").click()
    expect(page.get_by_role("status")).to_contain_text("(luonnos)")
    expect(page.locator("#variant-2").get_by_label("Vastaus (suomi)")).to_have_value(EDITED)
    screenshot(page, "editor-topic-saved")

    # The preview, as the chat shows it, on a day the edited rule is in force.
    page.get_by_role("link", name="Esikatsele").click()
    page.get_by_label("Päivä").fill("2026-04-01")
    page.get_by_label("Kieli").select_option("fi")
    page.get_by_role("button", name="Näytä").click()
    bubble = page.locator(".chat-preview .bubble")
    expect(bubble).to_contain_text(EDITED)
    expect(bubble).to_contain_text("Tämä sääntö on voimassa 1.3.2026 alkaen.")
    expect(bubble.get_by_role("link").first).to_have_attribute("href", re.compile(r"^https://"))
    assert serious_violations(page) == []
    screenshot(page, "editor-preview")

    # Two clicks: the menu's "not understood", then "add as an example" of the nearest topic.
    page.get_by_role("link", name="Mitä ei ymmärretty").click()
    question = page.locator("ul.missed > li").filter(has_text="alkuhaastattelu")
    expect(question.locator("blockquote")).to_contain_text("<PHONE>")
    expect(question).not_to_contain_text("123 4567")  # redacted when it came
    assert serious_violations(page) == []
    screenshot(page, "editor-missed")
    question.get_by_role("button", name="Lisää esimerkiksi: Alkuhaastattelu").click()
    expect(page.get_by_role("status")).to_contain_text("Lisätty aiheen Alkuhaastattelu esimerkiksi")
    expect(page.locator("ul.missed")).to_have_count(0)
    page.get_by_role("status").get_by_role("link", name="Muokkaa").click()
    examples = page.get_by_label("Esimerkit (suomi)")
    expect(examples).to_have_value(re.compile(r"\nmikä ihmeen alkuhaastattelu, soittakaa <PHONE>$"))
    assert serious_violations(page) == []
    screenshot(page, "editor-example-added")
