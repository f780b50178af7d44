import pytest

from rasa_components.language_names import _NAMED, named_language
from vocabulary.languages import LANGUAGES


def test_every_language_can_be_named() -> None:
    assert set(_NAMED.groupindex) == set(LANGUAGES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("not Finnish, English please", "en"),
        ("ruotsiksi kiitos", "sv"),
        ("suomeksi", "fi"),
        ("hej", None),
    ],
)
def test_the_last_language_named_wins(text: str, expected: str | None) -> None:
    assert named_language(text) == expected
