"""The web chat in a real browser (Debian's Chromium, headless) against the real stack: what a
client sees, hears (live regions) and can do with a keyboard or a phone."""

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.browser.chat import (
    WATCH_STATUS,
    ask,
    bot_messages,
    focused,
    latest_choices,
    press,
    tab_until,
)
from tests.browser.conftest import PHONE, screenshot, serious_violations
from tests.support.stack import Stack
from tests.support.staff import create_user, login, new_meeting

pytestmark = pytest.mark.browser


def test_a_finnish_question_is_answered_and_a_choice_pressed(page: Page) -> None:
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page).to_have_title(re.compile("työllisyyspalvelujen"))
    page.evaluate(WATCH_STATUS)

    answer = ask(page, "mikä on karenssi?")
    expect(answer).to_contain_text("Lähde")
    expect(answer.get_by_role("link")).to_have_attribute("href", re.compile(r"^https://"))
    # The typing indicator was announced in the status region while the answer was coming.
    assert "Avustaja kirjoittaa…" in page.evaluate("window.statusSeen")
    expect(page.locator("#log .message.user")).to_contain_text("mikä on karenssi?")

    choices = latest_choices(page)
    expect(choices).to_have_attribute("role", "group")
    expect(choices).to_have_attribute("aria-label", "Vastausvaihtoehdot")
    first = choices.get_by_role("button").first
    title = first.inner_text()
    reply = press(page, first)
    expect(reply).to_contain_text("Lähde")  # the related topic's own answer
    expect(page.locator("#log .message.user").last).to_contain_text(title)
    # The pressed group cannot be pressed again, but stays readable, the choice marked.
    for button in choices.get_by_role("button").all():
        expect(button).to_be_disabled()
    expect(first).to_contain_text("(valittu)")
    expect(first).to_have_class(re.compile("chosen"))
    screenshot(page, "finnish-answer-and-choice")


def test_swedish_strings_and_reply_and_the_history_survives_a_reload(page: Page) -> None:
    page.goto("/")
    expect(ask(page, "mikä on karenssi?")).to_contain_text("Lähde")

    before = bot_messages(page).count()
    page.locator("#language").select_option("sv")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page).to_have_title(re.compile("sysselsättningstjänsterna"))
    expect(page.locator("#send")).to_have_text("Skicka")
    expect(page.locator("#clear")).to_have_text("Töm samtalet")
    expect(page.locator("label[for=language]")).to_have_text("Språk")
    expect(page.locator("#message")).to_have_attribute("placeholder", "Skriv ett meddelande…")
    expect(page.locator("#log")).to_have_attribute("aria-label", "Samtal")
    privacy = page.get_by_role("link", name="Dataskyddsbeskrivning")
    expect(privacy).to_have_attribute("href", "/privacy?lang=sv")
    expect(bot_messages(page)).not_to_have_count(before)
    expect(bot_messages(page).last).to_contain_text("vi fortsätter på svenska")
    expect(bot_messages(page).last).to_have_attribute("lang", "sv")

    expect(ask(page, "vad är karens?")).to_contain_text("Källa")
    pressed = page.locator("#log .choices").first.get_by_role("button").first
    pressed_title = pressed.inner_text()
    press(page, pressed)
    shown = page.locator("#log .message").all_inner_texts()

    page.reload()
    expect(page.locator("#log .message")).to_have_text(shown)
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("#language")).to_have_value("sv")
    # A choice pressed before the reload stays pressed.
    restored = page.locator("#log .choices").first.get_by_role("button").first
    expect(restored).to_be_disabled()
    expect(restored).to_contain_text(pressed_title)
    expect(restored).to_contain_text("(vald)")
    screenshot(page, "swedish-after-reload")

    # "Töm samtalet" forgets the browser's side: a new sender, no history, also after reload.
    sender = page.evaluate("localStorage.getItem('kohtaamo-sender')")
    page.locator("#clear").click()
    expect(page.locator("#log .message")).to_have_count(0)
    expect(page.locator("#status")).to_have_text("Samtalet tömdes från den här webbläsaren.")
    expect(page.locator("#message")).to_be_focused()
    page.reload()
    expect(page.locator("#log .message")).to_have_count(0)
    assert page.evaluate("localStorage.getItem('kohtaamo-sender')") != sender
    assert page.evaluate(f"localStorage.getItem('kohtaamo-history-{sender}')") is None


def test_everything_works_from_the_keyboard_with_a_visible_focus(page: Page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    assert focused(page) == "a", "the skip link comes first"
    expect(page.locator(".skip-link")).to_be_in_viewport()
    tab_until(page, "input#message")
    assert_focus_visible(page)
    page.keyboard.type("hei")
    before = bot_messages(page).count()
    page.keyboard.press("Enter")
    expect(bot_messages(page)).not_to_have_count(before)
    expect(bot_messages(page).last).to_contain_text("Kerron")  # the greeting, with the menu
    expect(page.locator("#message")).to_be_focused()

    # The menu's buttons come just before the input: Shift+Tab reaches one, Enter presses it.
    tab_until(page, "button.choice", key="Shift+Tab")
    assert_focus_visible(page)
    before = bot_messages(page).count()
    page.keyboard.press("Enter")
    expect(bot_messages(page)).not_to_have_count(before)
    expect(page.locator("#log .choices button.chosen")).to_have_count(1)
    expect(page.locator("#message")).to_be_focused()  # not lost on the disabled button

    # The language selector, by keyboard too.
    tab_until(page, "select#language")
    assert_focus_visible(page)
    screenshot(page, "keyboard-focus")


def assert_focus_visible(page: Page) -> None:
    outline: dict[str, str] = page.evaluate(
        """() => {
      const style = getComputedStyle(document.activeElement);
      return { style: style.outlineStyle, width: style.outlineWidth };
    }"""
    )
    assert outline["style"] != "none", f"{focused(page)} has no focus outline"
    assert float(outline["width"].removesuffix("px")) >= 2, outline


@pytest.fixture(scope="module")
def advisor(stack: Stack) -> Iterator[httpx.Client]:
    create_user(stack, "selain.neuvoja@example.test", "advisor", "Selma Selainneuvoja")
    client = login(stack, "selain.neuvoja@example.test")
    yield client
    client.close()


def test_an_invitation_link_opens_the_preparation(page: Page, advisor: httpx.Client) -> None:
    meeting = new_meeting(advisor, "fi")
    link = meeting["web_link"]
    assert "?code=" in link
    page.goto(link)
    consent = bot_messages(page).last
    expect(consent).to_contain_text("Saanko tallentaa")
    expect(consent).to_contain_text("Selma Selainneuvoja")
    expect(page.get_by_role("button", name="Kyllä, saat")).to_be_enabled()
    # The code is sent once, as metadata, and no longer in the address or the log.
    assert "code=" not in page.url
    expect(page.locator("#log .message.user")).to_have_count(0)
    screenshot(page, "invitation-consent")

    opened = bot_messages(page).count()
    page.reload()
    expect(bot_messages(page)).to_have_count(opened)  # the history, not a second opening
    reply = press(page, page.get_by_role("button", name="Ei"))
    expect(reply).to_contain_text("tapaamisessa")


def test_a_phone_sized_screen_has_no_horizontal_scroll(browser: Browser, stack: Stack) -> None:
    context = browser.new_context(
        base_url=stack.api_url, viewport=PHONE, is_mobile=True, has_touch=True
    )
    try:
        page = context.new_page()
        page.goto("/")
        expect(ask(page, "mikä on karenssi?")).to_contain_text("Lähde")
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]"
        )
        assert max(widths[:2]) <= widths[2], f"horizontal scroll: {widths}"
        for target in page.locator("button:visible, input:visible, select:visible").all():
            box = target.bounding_box()
            assert box is not None and box["height"] >= 44, f"small touch target: {box}"
        privacy = page.locator("#privacy-link").bounding_box()
        assert privacy is not None and privacy["height"] >= 44
        expect(page.locator("#message")).to_be_in_viewport()
        screenshot(page, "phone")
    finally:
        context.close()


def test_axe_finds_no_serious_or_critical_violations(page: Page) -> None:
    page.goto("/")
    ask(page, "mikä on karenssi?")
    press(page, latest_choices(page).get_by_role("button").first)
    assert serious_violations(page) == []
    page.locator("#language").select_option("sv")
    expect(bot_messages(page).last).to_contain_text("svenska")
    assert serious_violations(page) == []
    screenshot(page, "axe-checked-chat")
    for language in ("fi", "sv", "en"):
        page.goto(f"/privacy?lang={language}")
        expect(page.locator("h1")).to_be_visible()
        assert serious_violations(page) == []
    screenshot(page, "privacy-notice-en")


def test_an_assistant_that_does_not_answer_is_said_so(
    page: Page, stack: Stack, browser_errors: list[str]
) -> None:
    page.goto("/")
    page.route(f"{stack.rasa_url}/webhooks/rest/webhook", lambda route: route.abort())
    page.locator("#message").fill("hei")
    page.locator("#message").press("Enter")
    expect(page.locator("#log .message.error")).to_contain_text("Avustaja ei vastaa juuri nyt")
    expect(page.locator("#status")).to_have_text("")
    page.reload()  # the client's message is kept, the error is not
    expect(page.locator("#log .message.user")).to_have_count(1)
    expect(page.locator("#log .message.error")).to_have_count(0)
    assert browser_errors and all("Failed to load resource" in e for e in browser_errors)
    browser_errors.clear()


def test_the_privacy_notice_is_linked_in_the_page_language(page: Page) -> None:
    page.goto("/?lang=en")
    page.get_by_role("link", name="Privacy notice").click()
    expect(page).to_have_url(re.compile(r"/privacy\?lang=en$"))
    expect(page.locator("h1")).to_have_text("Privacy notice: the Kohtaamo chat")
    expect(page.locator("main")).to_contain_text("delete my answers")
    page.get_by_role("link", name="Svenska").click()
    expect(page.locator("main")).to_contain_text("radera mina svar")
    page.get_by_role("link", name="Tillbaka till samtalet").click()
    expect(page.locator("#send")).to_have_text("Skicka")


def test_what_anyone_writes_is_shown_as_text_never_as_html(page: Page, stack: Stack) -> None:
    page.goto("/")
    markup = '<img src=x onerror="window.owned=1"><b>lihava</b>'
    ask(page, markup)
    expect(page.locator("#log .message.user .text").last).to_have_text(markup)

    # A bot message with markup and a script address (as if the bot were compromised).
    def evil_bot(route: Route) -> None:
        headers = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*"}
        if route.request.method == "OPTIONS":
            route.fulfill(status=204, headers=headers)
            return
        text = (
            '<img src=x onerror="window.owned=2"> javascript:window.owned=3 https://example.org/a.'
        )
        buttons = [{"title": "<i>nappi</i>", "payload": "/greet"}]
        route.fulfill(json=[{"text": text, "buttons": buttons}], headers=headers)

    page.route(f"{stack.rasa_url}/webhooks/rest/webhook", evil_bot)
    reply = ask(page, "hei")
    expect(reply.locator(".text")).to_contain_text('<img src=x onerror="window.owned=2">')
    expect(page.locator("#log img, #log b, #log i")).to_have_count(0)
    expect(reply.get_by_role("link")).to_have_count(1)
    expect(reply.get_by_role("link")).to_have_attribute("href", "https://example.org/a")
    expect(page.get_by_role("button", name="<i>nappi</i>")).to_be_visible()
    assert page.evaluate("window.owned") is None


@pytest.fixture
def employment_area_site(stack: Stack) -> Iterator[str]:
    """A stand-in for the employment area's own site, with the one-line snippet, served at
    the origin EMBED_ORIGINS allows (and, as localhost, at one it does not)."""
    page = f"""<!doctype html><html lang="sv"><head><meta charset="utf-8">
    <title>Sysselsättningsområdet</title></head><body><h1>Sysselsättningsområdet</h1>
    <div id="chat"></div>
    <script src="{stack.api_url}/embed.js" data-lang="sv" data-target="chat" defer></script>
    </body></html>""".encode()

    class Site(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", stack.site_port), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield stack.site_url
    server.shutdown()
    server.server_close()
    thread.join()


def test_the_snippet_embeds_the_chat_on_an_employment_area_site(
    page: Page, stack: Stack, employment_area_site: str, browser_errors: list[str]
) -> None:
    page.goto(f"{employment_area_site}/tjanster")
    frame = page.locator("#chat > iframe")
    expect(frame).to_have_attribute(
        "title", "Kohtaamo – chattassistent för sysselsättningstjänsterna"
    )
    chat = page.frame_locator("#chat > iframe")
    expect(chat.locator("html")).to_have_attribute("lang", "sv")
    chat.locator("#message").fill("vad är karens?")
    chat.locator("#message").press("Enter")
    expect(chat.locator("#log .message.bot").last).to_contain_text("Källa")
    screenshot(page, "embedded")

    # A site that is not in EMBED_ORIGINS gets no chat: the browser refuses the frame.
    elsewhere = employment_area_site.replace("127.0.0.1", "localhost")
    page.goto(f"{elsewhere}/tjanster")
    expect(page.locator("#chat > iframe")).to_have_count(1)
    expect(chat.locator("#message")).to_have_count(0)
    refusals = [e for e in browser_errors if "frame-ancestors" in e]
    assert refusals, browser_errors
    browser_errors.clear()


def test_a_new_visitor_gets_a_new_conversation(browser: Browser, stack: Stack) -> None:
    senders = []
    for _ in range(2):
        context = browser.new_context(base_url=stack.api_url)
        page = context.new_page()
        page.goto("/")
        senders.append(page.evaluate("localStorage.getItem('kohtaamo-sender')"))
        context.close()
    assert all(re.fullmatch(r"web-[0-9a-f]{32}", s) for s in senders)
    assert senders[0] != senders[1]
