"""The client's web chat as the server sends it: the page, its strings, its security headers,
the privacy notice and the embed snippet. The browser tests (tests/browser/) drive it."""

import json
import re
from collections.abc import Mapping
from html import unescape

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.chat_ui import CHAT_LANGUAGES, STRINGS, ChatLanguage
from api.settings import REPO_ROOT, ApiSettings
from tests.api.html_checks import check_page

STATIC = REPO_ROOT / "api" / "static"


def policy(headers: Mapping[str, str]) -> dict[str, str]:
    header = headers["content-security-policy"]
    return {
        name: rest.strip()
        for name, _, rest in (part.strip().partition(" ") for part in header.split(";"))
    }


def test_chat_page_is_served_with_a_strict_content_security_policy(client: TestClient) -> None:
    reply = client.get("/")
    assert reply.status_code == 200
    check_page(reply.text, "fi")  # skip link, one h1, labels, no inline script or style
    assert 'role="log"' in reply.text and 'aria-live="polite"' in reply.text
    assert 'role="status"' in reply.text
    csp = policy(reply.headers)
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["connect-src"] == "'self' http://127.0.0.1:5005"
    assert csp["frame-ancestors"] == "'self'"
    assert "unsafe-inline" not in reply.headers["content-security-policy"]
    assert "unsafe-eval" not in reply.headers["content-security-policy"]
    assert "set-cookie" not in reply.headers  # no cookies for clients
    assert client.get("/static/chat.js").status_code == 200
    assert client.get("/static/chat.css").status_code == 200


@pytest.mark.parametrize("language", CHAT_LANGUAGES)
def test_the_page_is_rendered_in_the_language_asked(
    client: TestClient, language: ChatLanguage
) -> None:
    reply = client.get("/", params={"lang": language})
    check_page(reply.text, language)
    strings = STRINGS[language]
    for key in ("title", "send", "clear", "privacy_link", "intro", "language_label"):
        assert unescape(strings[key]) in unescape(reply.text)
    assert f'href="/privacy?lang={language}"' in reply.text
    assert re.search(rf'<option value="{language}" lang="{language}" selected>', reply.text)


def test_an_unknown_language_falls_back_to_finnish(client: TestClient) -> None:
    reply = client.get("/", params={"lang": "de"})
    assert '<html lang="fi">' in reply.text


def test_the_page_carries_every_string_for_the_selector(client: TestClient) -> None:
    match = re.search(r"data-strings='([^']*)'", client.get("/").text)
    assert match is not None
    assert json.loads(unescape(match.group(1))) == STRINGS


def test_every_language_has_every_string() -> None:
    keys = set(STRINGS["fi"])
    for language in CHAT_LANGUAGES:
        assert set(STRINGS[language]) == keys, language
        assert all(value.strip() for value in STRINGS[language].values()), language
    assert STRINGS["fi"]["typing"] == "Avustaja kirjoittaa…"
    assert STRINGS["fi"]["clear"] == "Tyhjennä keskustelu"
    assert STRINGS["en"]["clear"] == "Clear conversation"


def test_the_chat_script_never_writes_html() -> None:
    script = (STATIC / "chat.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script, sink
    assert ".style" not in script and 'setAttribute("style"' not in script


def test_configured_sites_may_frame_the_page(client: TestClient, settings: ApiSettings) -> None:
    settings.embed_origins = "https://www.example.fi http://localhost:8080"
    csp = policy(client.get("/").headers)
    assert csp["frame-ancestors"] == "'self' https://www.example.fi http://localhost:8080"


@pytest.mark.parametrize(
    "origins", ["https://a.fi; script-src *", "*", "https://a.fi/path", "javascript:x"]
)
def test_embed_origins_must_be_bare_origins(origins: str) -> None:
    with pytest.raises(ValidationError):
        ApiSettings(embed_origins=origins)


DELETE_WORDS = {"fi": "poista vastaukseni", "sv": "radera mina svar", "en": "delete my answers"}
CLEAR_WORDS = {"fi": "Tyhjennä keskustelu", "sv": "Töm samtalet", "en": "Clear conversation"}


@pytest.mark.parametrize("language", CHAT_LANGUAGES)
def test_privacy_notice_in_each_language(client: TestClient, language: str) -> None:
    reply = client.get("/privacy", params={"lang": language})
    assert reply.status_code == 200
    page = check_page(reply.text, language)
    assert page.headings.count(2) >= 6
    text = unescape(reply.text)
    assert DELETE_WORDS[language] in text
    assert CLEAR_WORDS[language] in text
    assert "30" in text
    assert f'href="/?lang={language}"' in text  # back to the chat
    for other in CHAT_LANGUAGES:
        if other != language:
            assert f'href="/privacy?lang={other}"' in text
    csp = policy(reply.headers)
    assert csp["script-src"] == "'none'"
    assert "set-cookie" not in reply.headers


def test_privacy_notice_defaults_to_finnish(client: TestClient) -> None:
    assert '<html lang="fi">' in client.get("/privacy").text


def test_embed_snippet_inserts_a_titled_iframe_of_the_chat(client: TestClient) -> None:
    reply = client.get("/embed.js")
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/javascript")
    assert 'createElement("iframe")' in reply.text
    assert "frame.title" in reply.text
    assert "innerHTML" not in reply.text
