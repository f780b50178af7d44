"""Browser tests: Playwright for Python drives Debian's Chromium, headless, against the real
stack (tests/conftest.py: Rasa server, action server and API; the API serves the chat page,
which talks to Rasa's REST channel); the staff pages against the API alone (`api_stack`, its
own database, MIN_GROUP set). Screenshots go to results/browser/ (kept by CI as artefacts).

The browser is Debian's package (`apt-get install chromium`; `make test` and .ci/run install it
when missing), never one that Playwright downloads. Without it every test here fails.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    ViewportSize,
    expect,
    sync_playwright,
)

from tests.support.stack import REPO, Stack, running_api

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = REPO / "results" / "browser"
DESKTOP: ViewportSize = {"width": 1024, "height": 768}
PHONE: ViewportSize = {"width": 390, "height": 844}

# The staff pages' API runs with a smallest group other than the default (5), so a page that
# says "fewer than 6 answers" shows the setting, not a number written in a text.
STAFF_MIN_GROUP = 6

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


@pytest.fixture(scope="session")
def api_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The API alone (no Rasa: the staff pages do not talk to it), on its own database."""
    settings = {"MIN_GROUP": str(STAFF_MIN_GROUP)}
    with running_api(tmp_path_factory.mktemp("api-stack"), settings) as running:
        yield running


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


@pytest.fixture
def staff_page(browser: Browser, api_stack: Stack, browser_errors: list[str]) -> Iterator[Page]:
    """A page in a fresh profile (no login yet) on the staff pages' API."""
    context = browser.new_context(base_url=api_stack.api_url, viewport=DESKTOP)
    page = context.new_page()
    page.on("console", lambda m: browser_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: browser_errors.append(str(error)))
    yield page
    context.close()
    assert browser_errors == [], f"the page logged errors: {browser_errors}"


def serious_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page (its own copy: offline)."""
    results = Axe().run(page)
    violations: list[dict[str, Any]] = results.response["violations"]
    found = [v for v in violations if v["impact"] in ("serious", "critical")]
    if found:
        print(results.generate_report())  # noqa: T201 - the test's report
    return found


def screenshot(page: Page, name: str) -> None:
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
