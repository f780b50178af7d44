"""The pulse survey's domain against the vocabulary: the steps, outcomes, ratings and drivers
in order in every language, the same drivers in both questions, and skip on every question."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from tests.domain.test_domain import DOMAIN, DOMAIN_DIR, language_of
from vocabulary.languages import LANGUAGES, Language
from vocabulary.meetings import FREE_TEXT_SLOTS
from vocabulary.service_steps import (
    DRIVERS,
    OFFER_KINDS,
    OUTCOMES,
    PULSE_TEXT_SLOTS,
    RATINGS,
    SERVICE_STEPS,
)

SKIP, STOP, DONE = "/skip", "/deny", "/pulse_done"


def buttons(response: str, language: Language) -> list[dict[str, Any]]:
    [variation] = [v for v in DOMAIN["responses"][response] if language_of(v) == language]
    found: list[dict[str, Any]] = variation["buttons"]
    return found


def answers(response: str, language: Language, name: str) -> list[Any]:
    """The values of `name` that the response's /pulse_answer buttons send, in order."""
    return [
        json.loads(b["payload"].removeprefix("/pulse_answer"))[name]
        for b in buttons(response, language)
        if b["payload"].startswith("/pulse_answer")
    ]


def others(response: str, language: Language) -> list[str]:
    return [
        b["payload"]
        for b in buttons(response, language)
        if not b["payload"].startswith("/pulse_answer")
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_step_question_offers_every_step_then_stop(language: Language) -> None:
    assert answers("utter_ask_pulse_step", language, "service_step") == list(SERVICE_STEPS)
    assert others("utter_ask_pulse_step", language) == [STOP]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_outcome_question_offers_the_outcomes_skip_and_stop(language: Language) -> None:
    assert answers("utter_ask_pulse_outcome", language, "outcome") == list(OUTCOMES)
    assert others("utter_ask_pulse_outcome", language) == [SKIP, STOP]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_rating_titles_start_with_their_number(language: Language) -> None:
    assert answers("utter_ask_pulse_rating", language, "rating") == list(RATINGS)
    titles = [b["title"] for b in buttons("utter_ask_pulse_rating", language)][: len(RATINGS)]
    assert [title.split(" – ")[0] for title in titles] == [str(r) for r in RATINGS]
    assert all(len(title.split(" – ")) == 2 for title in titles)  # a number and a word
    assert others("utter_ask_pulse_rating", language) == [SKIP]


def test_the_finnish_scale_reads_from_poorly_to_excellently() -> None:
    titles = [b["title"] for b in buttons("utter_ask_pulse_rating", "fi")]
    assert (titles[0], titles[4]) == ("1 – huonosti", "5 – erinomaisesti")


@pytest.mark.parametrize("language", LANGUAGES)
def test_both_sides_offer_the_same_drivers_then_done_and_skip(language: Language) -> None:
    went_well = buttons("utter_ask_pulse_went_well", language)
    assert went_well == buttons("utter_ask_pulse_to_improve", language)
    assert answers("utter_ask_pulse_went_well", language, "driver") == list(DRIVERS)
    assert others("utter_ask_pulse_went_well", language) == [DONE, SKIP]
    titles = [b["title"] for b in went_well]
    assert len(set(titles)) == len(titles)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_free_text_questions_can_be_skipped(language: Language) -> None:
    for slot in PULSE_TEXT_SLOTS:
        assert others(f"utter_ask_{slot}", language) == [SKIP]


def test_the_form_asks_the_step_then_the_four_questions() -> None:
    assert DOMAIN["forms"]["pulse_form"]["required_slots"] == [
        "pulse_step",
        "pulse_outcome",
        "pulse_rating",
        "pulse_went_well",
        "pulse_went_well_text",
        "pulse_to_improve",
        "pulse_to_improve_text",
    ]


def test_the_free_texts_are_typed_at_their_drivers_question_and_redacted() -> None:
    for slot, question in zip(
        PULSE_TEXT_SLOTS, ("pulse_went_well", "pulse_to_improve"), strict=True
    ):
        [mapping] = DOMAIN["slots"][slot]["mappings"]
        assert mapping["type"] == "from_text"
        asked = {c["requested_slot"] for c in mapping["conditions"]}
        assert asked == {question, slot}
        # Buttons and stopping are never the client's words (a skip the form tells apart:
        # a sentence the model takes for one is text).
        stops = {"deny", "pause_preparation"}
        assert {"pulse_answer", "pulse_done", *stops} <= set(mapping["not_intent"])
        assert "skip" not in mapping["not_intent"]
        assert slot in FREE_TEXT_SLOTS


def test_the_bridges_offer_is_an_intent_with_its_kind() -> None:
    # bot/outbox.py sends /offer_pulse{"offer_kind": "after_meeting"}.
    assert "after_meeting" in OFFER_KINDS
    pulse = yaml.safe_load((DOMAIN_DIR / "pulse.yml").read_text(encoding="utf-8"))
    assert "offer_pulse" in pulse["intents"]
    assert "offer_kind" in pulse["entities"]


def test_every_offer_kind_has_an_intro() -> None:
    for kind in OFFER_KINDS:
        assert f"utter_pulse_intro_{kind}" in DOMAIN["responses"]
