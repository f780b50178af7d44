"""The chat page's strings: every language has every one."""

from api.web.chat.strings import STRINGS
from vocabulary.languages import LANGUAGES


def test_every_language_has_every_string() -> None:
    keys = set(STRINGS["fi"])
    for language in LANGUAGES:
        assert set(STRINGS[language]) == keys, language
        assert all(value.strip() for value in STRINGS[language].values()), language
    assert STRINGS["fi"]["typing"] == "Avustaja kirjoittaa…"
    assert STRINGS["fi"]["clear"] == "Tyhjennä keskustelu"
    assert STRINGS["en"]["clear"] == "Clear conversation"
