"""Browser tests: Playwright for Python drives Debian's Chromium, headless, against the real
stack (tests/conftest.py: Rasa server, action server and API; the API serves the chat page,
which talks to Rasa's REST channel). Screenshots go to results/browser/.

The browser is Debian's package (`apt-get install chromium`; `make test` and .ci/run install it
when missing), never one that Playwright downloads. Without it every test here fails.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    ViewportSize,
    expect,
    sync_playwright,
)

from tests.support.stack import REPO, Stack

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = REPO / "results" / "browser"
DESKTOP: ViewportSize = {"width": 1024, "height": 768}
PHONE: ViewportSize = {"width": 390, "height": 844}

# A reply goes through NLU, the action server and the API: allow for a slow first one.
expect.set_options(timeout=30_000)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"Debian's Chromium is missing ({CHROMIUM}): install it with "
            "`apt-get install -y chromium` (`make test` and .ci/run do), or set CHROMIUM to "
            "its path. The browser tests never download a browser.",
            pytrace=False,
        )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser, stack: Stack) -> Iterator[BrowserContext]:
    """A fresh browser profile per test: empty local storage, so a new conversation."""
    context = browser.new_context(base_url=stack.api_url, viewport=DESKTOP)
    yield context
    context.close()


@pytest.fixture
def browser_errors() -> list[str]:
    """Errors the page logged (CSP violations, failed requests, script errors). A test that
    expects one removes it; anything left fails the test."""
    return []


@pytest.fixture
def page(context: BrowserContext, browser_errors: list[str]) -> Iterator[Page]:
    page = context.new_page()
    page.on("console", lambda m: browser_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: browser_errors.append(str(error)))
    yield page
    assert browser_errors == [], f"the page logged errors: {browser_errors}"


def screenshot(page: Page, name: str) -> None:
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
