import pytest

from vocabulary.redaction import may_hold_personal_data


@pytest.mark.parametrize(
    "text",
    ["thanks, bye", "på svenska tack", "mitä sä osaat?", "what's the weather like?", "", "ok"],
)
def test_lower_case_words_and_punctuation_hold_nothing(text: str) -> None:
    assert not may_hold_personal_data(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hei!",  # a capital: perhaps a name
        "soita 0401234567",  # a digit
        "matti@esimerkki.fi",
        "nimeni on matti",  # a cue that names a lower-case name
        "i’m john",  # with a typographic apostrophe
        "am’s matti",  # the recogniser reads "am" in "am’s" (a possessive)
        "MOI",
        "moi 👋",  # any other sign
        "asun mannerheimintie ５",  # a digit of another script
    ],
)
def test_anything_else_goes_to_the_redactor(text: str) -> None:
    assert may_hold_personal_data(text)
