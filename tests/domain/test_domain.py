"""The domain against the vocabulary: languages, sections, the resume phrase, and no period
written as a literal."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from vocabulary.languages import DEFAULT_LANGUAGE, LANGUAGES, NATIVE_NAMES, Language
from vocabulary.meetings import PREPARATION_SLOTS, RESUME_PHRASES, SECTIONS
from vocabulary.participation import CONTACT_CHANNELS, LEAVE_PANEL_PHRASES, THEMES

DOMAIN_DIR = Path(__file__).resolve().parents[2] / "domain"


def domain() -> dict[str, Any]:
    """Every hand-written domain file merged (the generated FAQ responses are checked by
    scripts/build_faq.py)."""
    merged: dict[str, Any] = {"slots": {}, "responses": {}, "forms": {}}
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        if path.name.endswith(".generated.yml"):
            continue
        part = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        merged["slots"].update(part.get("slots") or {})
        merged["responses"].update(part.get("responses") or {})
        merged["forms"].update(part.get("forms") or {})
    return merged


DOMAIN = domain()


def language_of(variation: dict[str, Any]) -> str:
    """The language a variation is for: its condition on the `language` slot, or the default."""
    for condition in variation.get("condition") or []:
        if condition.get("name") == "language":
            return str(condition["value"])
    return DEFAULT_LANGUAGE


def in_language(response: str, language: Language) -> str:
    [text] = [v["text"] for v in DOMAIN["responses"][response] if language_of(v) == language]
    return str(text)


def test_the_language_slot_holds_the_languages() -> None:
    assert tuple(DOMAIN["slots"]["language"]["values"]) == LANGUAGES


def test_the_language_buttons_name_each_language_in_itself() -> None:
    for variation in DOMAIN["responses"]["utter_choose_language"]:
        buttons = {b["title"]: b["payload"] for b in variation["buttons"]}
        assert buttons == {
            NATIVE_NAMES[language]: f'/change_language{{"language": "{language}"}}'
            for language in LANGUAGES
        }


def test_the_form_asks_consent_then_the_sections_in_order() -> None:
    form = DOMAIN["forms"]["meeting_preparation_form"]
    assert tuple(form["required_slots"]) == PREPARATION_SLOTS == ("preparation_consent", *SECTIONS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_read_back_offers_to_correct_each_section_in_order(language: Language) -> None:
    [variation] = [
        v for v in DOMAIN["responses"]["utter_preparation_review"] if language_of(v) == language
    ]
    payloads = [b["payload"] for b in variation["buttons"]]
    assert payloads == [
        "/confirm_preparation",
        *(f'/correct_section{{"section": "{section}"}}' for section in SECTIONS),
    ]


@pytest.mark.parametrize("response", sorted(DOMAIN["responses"]))
def test_every_response_has_one_variation_per_language(response: str) -> None:
    variations = DOMAIN["responses"][response]
    assert sorted(language_of(v) for v in variations) == sorted(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "response",
    ["utter_preparation_paused", "utter_preparation_no_consent", "utter_preparation_confirmed"],
)
def test_coming_back_quotes_the_phrase_that_is_trained(response: str, language: Language) -> None:
    # tests/data/test_nlu.py checks that the phrase is trained in the same language.
    assert f'"{RESUME_PHRASES[language]}"' in in_language(response, language)


def test_no_response_states_a_period_itself() -> None:
    """Periods clients are told come from the setting that enforces them, through a slot."""
    for name, variations in DOMAIN["responses"].items():
        for variation in variations:
            assert not re.search(r"\d+\s*(päiv|dag|day|viik|veck|week)", variation["text"]), name
    for language in LANGUAGES:
        consent = in_language("utter_ask_preparation_consent", language)
        assert "{answer_retention_days}" in consent
    assert "answer_retention_days" in DOMAIN["slots"]


def option_payload(option: str) -> str:
    return f'/panel_pick{{"panel_option": "{option}"}}'


@pytest.mark.parametrize(
    ("response", "options"),
    [
        ("utter_ask_panel_interests", THEMES),
        ("utter_ask_panel_languages", LANGUAGES),
        ("utter_ask_panel_contact", CONTACT_CHANNELS),
    ],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_panels_questions_offer_the_vocabularys_options_in_order(
    response: str, options: tuple[str, ...], language: Language
) -> None:
    [variation] = [v for v in DOMAIN["responses"][response] if language_of(v) == language]
    payloads = [b["payload"] for b in variation["buttons"]]
    assert payloads[: len(options)] == [option_payload(option) for option in options]
    assert payloads[-1] == "/deny"  # cancel, on every question
    if response != "utter_ask_panel_contact":
        assert payloads[len(options)] == "/panel_done"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_panels_languages_are_named_in_themselves(language: Language) -> None:
    [variation] = [
        v for v in DOMAIN["responses"]["utter_ask_panel_languages"] if language_of(v) == language
    ]
    assert [b["title"] for b in variation["buttons"][: len(LANGUAGES)]] == [
        NATIVE_NAMES[option] for option in LANGUAGES
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "response", ["utter_ask_panel_consent", "utter_panel_joined", "utter_panel_already_member"]
)
def test_the_panel_quotes_the_phrase_that_leaves_it(response: str, language: Language) -> None:
    # tests/data/test_nlu.py checks that the phrase is trained in the same language.
    assert f'"{LEAVE_PANEL_PHRASES[language]}"' in " ".join(in_language(response, language).split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_consent_text_shows_the_version_the_api_stores(language: Language) -> None:
    assert "{panel_consent_version}" in in_language("utter_ask_panel_consent", language)
    assert "panel_consent_version" in DOMAIN["slots"]


def test_the_panel_form_asks_consent_first() -> None:
    assert DOMAIN["forms"]["panel_form"]["required_slots"][0] == "panel_consent"
