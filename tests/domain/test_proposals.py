"""The proposals' domain against the vocabulary: every theme, in order, in every language."""

from __future__ import annotations

import json

import pytest

from tests.domain.test_domain import DOMAIN, language_of
from vocabulary.languages import LANGUAGES, Language
from vocabulary.meetings import FREE_TEXT_SLOTS
from vocabulary.participation import PROPOSAL_TEXT_SLOTS, THEMES


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_themes_are_offered_in_order_then_cancel(language: Language) -> None:
    [variation] = [
        v for v in DOMAIN["responses"]["utter_proposal_themes"] if language_of(v) == language
    ]
    payloads = [b["payload"] for b in variation["buttons"]]
    assert payloads[-1] == "/deny"
    themes = [json.loads(p.removeprefix("/choose_theme"))["theme"] for p in payloads[:-1]]
    assert themes == list(THEMES)
    assert all(p.startswith("/choose_theme") for p in payloads[:-1])


def test_the_proposal_is_the_clients_own_words_and_redacted() -> None:
    assert DOMAIN["forms"]["proposal_form"]["required_slots"] == [
        *PROPOSAL_TEXT_SLOTS,
        "proposal_theme",
    ]
    [slot] = PROPOSAL_TEXT_SLOTS
    [mapping] = DOMAIN["slots"][slot]["mappings"]
    assert mapping["type"] == "from_text"
    assert {"deny", "pause_preparation", "choose_theme"} <= set(mapping["not_intent"])
    assert slot in FREE_TEXT_SLOTS


@pytest.mark.parametrize("response", ["utter_proposal_theme_actions", "utter_theme_actions"])
def test_the_we_did_lines_are_filled_in(response: str) -> None:
    for variation in DOMAIN["responses"][response]:
        assert "{theme_actions}" in variation["text"]
