"""The client's web chat as the server sends it: the page, its strings, its security headers,
the privacy notice and the embed snippet. The browser tests (tests/browser/) drive it."""

import json
import re
from collections.abc import Mapping
from datetime import timedelta
from html import unescape

import pytest
from fastapi.testclient import TestClient

from api.core.settings import ApiSettings
from api.web.chat.strings import STRINGS
from api.web.jinja import STATIC_DIR
from tests.api.html_checks import check_page
from vocabulary.languages import LANGUAGES, Language
from vocabulary.messages import MAX_MESSAGE_LENGTH
from vocabulary.participation import LEAVE_PANEL_PHRASES


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
    assert f'maxlength="{MAX_MESSAGE_LENGTH}"' in reply.text  # the limit Rasa's door keeps
    assert client.get("/static/chat.js").status_code == 200
    assert client.get("/static/chat.css").status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_is_rendered_in_the_language_asked(client: TestClient, language: Language) -> None:
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


def test_the_chat_script_never_writes_html() -> None:
    script = (STATIC_DIR / "chat.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script, sink
    assert ".style" not in script and 'setAttribute("style"' not in script


def test_configured_sites_may_frame_the_page(client: TestClient, settings: ApiSettings) -> None:
    settings.embed_origins = "https://www.example.fi http://localhost:8080"
    csp = policy(client.get("/").headers)
    assert csp["frame-ancestors"] == "'self' https://www.example.fi http://localhost:8080"


DELETE_WORDS = {"fi": "poista vastaukseni", "sv": "radera mina svar", "en": "delete my answers"}
CLEAR_WORDS = {"fi": "Tyhjennä keskustelu", "sv": "Töm samtalet", "en": "Clear conversation"}
RETENTION_WORDS = {
    "fi": "viimeistään 30 päivän kuluttua tapaamisesta",
    "sv": "senast 30 dagar efter mötet",
    "en": "latest 30 days after the meeting",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_privacy_notice_in_each_language(client: TestClient, language: str) -> None:
    reply = client.get("/privacy", params={"lang": language})
    assert reply.status_code == 200
    page = check_page(reply.text, language)
    assert page.headings.count(2) >= 6
    text = unescape(reply.text)
    assert DELETE_WORDS[language] in text
    assert CLEAR_WORDS[language] in text
    assert RETENTION_WORDS[language] in " ".join(text.split())
    assert f'href="/?lang={language}"' in text  # back to the chat
    for other in LANGUAGES:
        if other != language:
            assert f'href="/privacy?lang={other}"' in text
    csp = policy(reply.headers)
    assert csp["script-src"] == "'none'"
    assert "set-cookie" not in reply.headers


PARTICIPATION_WORDS = {
    "fi": ("Pulssikyselyn vastaukset nimettöminä", "Ehdotukset nimettöminä", "voit erota"),
    "sv": ("Svaren på pulsenkäten, anonymt", "Förslag, anonymt", "du kan gå ur"),
    "en": ("Your pulse survey answers, anonymous", "Your proposals, anonymous", "you can leave"),
}
# What the notice tells from the settings, with values no default has.
TOLD = {
    "fi": ("kerran 9 päivässä", "poistetaan 9 päivän kuluttua", "alle 7 vastausta",
           "viimeistään 40 päivän kuluttua."),
    "sv": ("högst en gång på 9 dagar", "raderas efter 9 dagar", "färre än 7 svar",
           "senast efter 40 dagar."),
    "en": ("at most once in 9 days", "deleted after 9 days", "fewer than 7 answers",
           "at the latest after 40 days."),
}  # fmt: skip


PENDING_TOLD = {
    "fi": "tai 25 minuutin kuluttua viimeisestä vastauksestasi",
    "sv": "eller 25 minuter efter ditt senaste svar",
    "en": "or 25 minutes after your last answer",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_privacy_notice_tells_of_the_pulse_proposals_and_panel_from_the_settings(
    client: TestClient, settings: ApiSettings, language: Language
) -> None:
    settings.pulse_min_interval = timedelta(days=9)
    settings.min_group = 7
    settings.answer_retention = timedelta(days=40)
    settings.pulse_pending_timeout = timedelta(minutes=25)
    settings.conversation_retention = timedelta(days=21)
    reply = client.get("/privacy", params={"lang": language})
    check_page(reply.text, language)
    text = " ".join(unescape(reply.text).split())
    for words in (*PARTICIPATION_WORDS[language], *TOLD[language], PENDING_TOLD[language]):
        assert words in text, words
    assert LEAVE_PANEL_PHRASES[language] in text
    # Every number in it comes from a setting: none of the defaults is left.
    for default in ("30 ", " 7 päivä", " 5 "):
        assert default not in text, default


def test_privacy_notice_defaults_to_finnish(client: TestClient) -> None:
    assert '<html lang="fi">' in client.get("/privacy").text


def test_embed_snippet_inserts_a_titled_iframe_of_the_chat(client: TestClient) -> None:
    reply = client.get("/embed.js")
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/javascript")
    assert 'createElement("iframe")' in reply.text
    assert "frame.title" in reply.text
    assert "innerHTML" not in reply.text


@pytest.mark.parametrize(
    ("language", "told"),
    [
        ("fi", ["poistetaan 45 päivän kuluttua.", "viimeistään 45 päivän kuluttua tapaamisesta"]),
        ("sv", ["raderas efter 45 dagar.", "senast 45 dagar efter mötet"]),
        ("en", ["deleted after 45 days.", "latest 45 days after the meeting"]),
    ],
)
def test_the_privacy_notice_tells_the_retention_the_settings_enforce(
    client: TestClient, settings: ApiSettings, language: str, told: list[str]
) -> None:
    settings.answer_retention = timedelta(days=45)
    settings.conversation_retention = timedelta(days=21)
    text = " ".join(unescape(client.get("/privacy", params={"lang": language}).text).split())
    for words in told:
        assert words in text
    assert "30" not in text


@pytest.mark.parametrize(
    ("language", "told"),
    [
        ("fi", ["poistetaan 21 päivän kuluttua kustakin viestistä", "voimassa 10 minuuttia"]),
        ("sv", ["raderas 21 dagar efter varje meddelande", "i 10 minuter"]),
        ("en", ["deleted 21 days after each message", "for 10 minutes"]),
    ],
)
def test_the_privacy_notice_tells_how_long_the_log_is_kept_and_how_to_see_and_delete_it(
    client: TestClient, settings: ApiSettings, language: str, told: list[str]
) -> None:
    settings.conversation_retention = timedelta(days=21)
    text = " ".join(unescape(client.get("/privacy", params={"lang": language}).text).split())
    for words in told:
        assert words in text


@pytest.mark.parametrize(
    ("language", "told"),
    [("sv", ["raderas efter 1 dag.", "senast 1 dag efter mötet"]), ("en", ["after 1 day."])],
)
def test_one_day_is_singular(
    client: TestClient, settings: ApiSettings, language: str, told: list[str]
) -> None:
    settings.answer_retention = timedelta(days=1)
    text = " ".join(unescape(client.get("/privacy", params={"lang": language}).text).split())
    for words in told:
        assert words in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_privacy_notice_tells_how_to_leave_the_panel(
    client: TestClient, language: Language
) -> None:
    text = " ".join(unescape(client.get("/privacy", params={"lang": language}).text).split())
    assert LEAVE_PANEL_PHRASES[language] in text
