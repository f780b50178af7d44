"""The phrases the pulse survey and the proposals tell clients to type are trained, in the
same language, as the intent they are meant to reach."""

from __future__ import annotations

import re
from functools import cache

import pytest
from rasa.shared.nlu.training_data.loading import load_data

from tests.data.test_nlu import NLU_DIR
from tests.domain.test_domain import in_language
from vocabulary.languages import LANGUAGES, Language


@cache
def examples(language: Language, intent: str) -> set[str]:
    data = load_data(str(NLU_DIR / language))
    return {
        str(message.get("text")).lower()
        for message in data.intent_examples
        if message.get("intent") == intent
    }


def quoted(response: str, language: Language) -> str:
    [phrase] = re.findall(r'"([^"]+)"', in_language(response, language))
    return str(phrase).lower()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("response", "intent"),
    [
        ("utter_pulse_ended", "give_feedback"),
        ("utter_proposal_theme_nothing_yet", "ask_theme_actions"),
    ],
)
def test_a_quoted_phrase_is_trained(response: str, intent: str, language: Language) -> None:
    assert quoted(response, language) in examples(language, intent)


@pytest.mark.parametrize("language", LANGUAGES)
def test_asking_for_feedback_and_giving_a_proposal_are_told_apart(language: Language) -> None:
    """The brief's phrases: feedback opens the survey, a suggestion the proposal."""
    feedback = {
        "fi": "haluan antaa palautetta",
        "sv": "jag vill ge feedback",
        "en": "i want to give feedback",
    }
    proposal = {"fi": "minulla on idea", "sv": "jag har ett förslag", "en": "i have a suggestion"}
    assert feedback[language] in examples(language, "give_feedback")
    assert proposal[language] in examples(language, "give_proposal")
    assert not examples(language, "give_feedback") & examples(language, "give_proposal")
