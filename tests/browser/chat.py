"""What a client does on the chat page, as steps the browser tests share."""

from playwright.sync_api import Locator, Page, expect

# Records every text the status region (typing indicator) shows, for a test to read back.
WATCH_STATUS = """() => {
  const status = document.getElementById("status");
  window.statusSeen = [];
  new MutationObserver(() => window.statusSeen.push(status.textContent))
    .observe(status, { childList: true, characterData: true, subtree: true });
}"""


def bot_messages(page: Page) -> Locator:
    return page.locator("#log .message.bot")


def latest_choices(page: Page) -> Locator:
    """The newest group of buttons, pinned: it stays the same group when more arrive."""
    groups = page.locator("#log .choices")
    expect(groups).not_to_have_count(0)
    return groups.nth(groups.count() - 1)


def replies_after(page: Page, before: int) -> Locator:
    """Waits until the assistant has answered (more bot messages than `before`, the typing
    indicator gone) and returns the last of its messages."""
    expect(bot_messages(page)).not_to_have_count(before)
    expect(page.locator("#status")).to_have_text("")
    return bot_messages(page).last


def ask(page: Page, text: str) -> Locator:
    """Types a message, sends it with Enter and returns the assistant's last reply."""
    before = bot_messages(page).count()
    page.locator("#message").fill(text)
    page.locator("#message").press("Enter")
    return replies_after(page, before)


def press(page: Page, button: Locator) -> Locator:
    """Clicks a choice and returns the assistant's last reply."""
    before = bot_messages(page).count()
    button.click()
    return replies_after(page, before)


def focused(page: Page) -> str:
    """The focused element, as `tag#id.class` (enough to tell where Tab went)."""
    description: str = page.evaluate(
        """() => {
      const e = document.activeElement;
      return e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
        (e.closest(".choices") ? ".choice" : "");
    }"""
    )
    return description


def tab_until(page: Page, target: str, *, key: str = "Tab", limit: int = 40) -> None:
    """Presses Tab (or Shift+Tab) until the focus is on `target` (see `focused`)."""
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        seen.append(focused(page))
        if seen[-1] == target:
            return
    raise AssertionError(f"{key} never reached {target}; the focus went {seen}")
