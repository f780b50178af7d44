"""bot.texts: the bridge's own words in every language, and languages from Rasa and Telegram."""

import re

import pytest

from bot.texts import TEXTS, known_language, text
from vocabulary.languages import LANGUAGES


def test_texts_exist_in_every_language_with_the_same_placeholders() -> None:
    for key, variants in TEXTS.items():
        assert set(variants) == set(LANGUAGES), key
        placeholders = {
            lang: sorted(set(re.findall(r"{(\w+)}", t))) for lang, t in variants.items()
        }
        assert len(set(map(tuple, placeholders.values()))) == 1, key
    assert (
        text("text_only", "sv")
        == "Jag förstår bara text. Skriv ditt ärende som ett meddelande, tack."
    )


def test_no_period_is_written_into_a_text() -> None:
    for key, variants in TEXTS.items():
        for language, variant in variants.items():
            assert not re.search(r"\d", variant), (key, language)


def test_without_a_language_all_three_are_given_finnish_first() -> None:
    everyone = text("text_only", None)
    assert everyone.split("\n\n") == [text("text_only", language) for language in LANGUAGES]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("fi", "fi"), ("sv-FI", "sv"), ("en-GB", "en"), ("EN", "en"), ("de", None), (None, None),
     ("", None), (3, None)],
)  # fmt: skip
def test_languages_from_slots_and_telegram(value: object, expected: str | None) -> None:
    assert known_language(value) == expected
