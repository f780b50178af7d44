"""Rasa's NLU training data against the vocabulary: one directory per language, and the
phrase that opens the meeting preparation again trained in each."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.loading import load_data

from vocabulary.languages import LANGUAGES, Language
from vocabulary.meetings import RESUME_PHRASES
from vocabulary.participation import LEAVE_PANEL_PHRASES

NLU_DIR = Path(__file__).resolve().parents[2] / "data" / "nlu"


def test_one_directory_per_language() -> None:
    directories = {path.name for path in NLU_DIR.iterdir() if path.is_dir()}
    assert directories - {"generated"} == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_resume_phrase_is_trained_in_each_language(language: Language) -> None:
    # The advisor's reminder and the assistant's pause message tell the client to type it.
    data = load_data(str(NLU_DIR / language))
    examples = {
        str(message.get("text")).lower()
        for message in data.intent_examples
        if message.get("intent") == "prepare_meeting"
    }
    assert RESUME_PHRASES[language] in examples


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_phrase_that_leaves_the_panel_is_trained_in_each_language(language: Language) -> None:
    # The consent question and the panel's other texts tell the client to type it.
    data = load_data(str(NLU_DIR / language))
    examples = {
        str(message.get("text")).lower()
        for message in data.intent_examples
        if message.get("intent") == "leave_panel"
    }
    assert LEAVE_PANEL_PHRASES[language] in examples
