"""The participation loop on the chat page, in Debian's Chromium against the real stack: the
greeting's feedback button opens the pulse survey, answered with the buttons (the rating's
titles start with the number), and its end offers a proposal, given and stored with a theme.
Checked with axe-core; screenshots in results/browser/."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.chat import ask, latest_choices, press
from tests.browser.conftest import screenshot, serious_violations
from tests.support.stack import Stack

pytestmark = pytest.mark.browser


def choice(page: Page, title: str) -> Locator:
    return press(page, latest_choices(page).get_by_role("button", name=title, exact=True))


def test_the_survey_from_the_greeting_then_a_proposal(page: Page, stack: Stack) -> None:
    page.goto("/")
    ask(page, "hei")
    choice(page, "Anna palautetta tai ehdotus")
    expect(page.locator("#log .message.bot").last).to_contain_text("Mitä palautteesi koskee?")
    choice(page, "Tämä chat-avustaja")
    choice(page, "Osittain")
    ratings = latest_choices(page).get_by_role("button")
    expect(ratings.first).to_have_text(re.compile(r"^1 – huonosti"))
    expect(ratings.nth(4)).to_have_text(re.compile(r"^5 – erinomaisesti"))
    assert serious_violations(page) == []
    reply = choice(page, "3 – kohtalaisesti")
    expect(reply).to_contain_text("Voit lopettaa tähän")
    choice(page, "Ohita")
    thanks = choice(page, "Ohita")
    expect(thanks).to_contain_text("Kiitos vastauksestasi!")
    screenshot(page, "pulse-survey-answered")

    asked = choice(page, "Kerro kehitysidea")
    expect(asked).to_contain_text("Kerro ideasi omin sanoin")
    suggestion = ask(page, "Toivoisin, että ryhmätapaamisia järjestettäisiin myös iltaisin")
    expect(suggestion).to_contain_text("Tallennanko sen siihen?")
    choice(page, "Kyllä, tallenna")  # stored; then what was done in the theme, if anything
    expect(page.locator("#log")).to_contain_text("Ehdotuksesi on tallennettu nimettömänä")
    rows = stack.rows("SELECT text FROM proposals WHERE text LIKE 'Toivoisin, että ryhmä%'")
    assert len(rows) == 1
    screenshot(page, "proposal-stored")
