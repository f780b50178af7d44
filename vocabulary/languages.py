"""The languages clients are served in, and the languages of the staff pages."""

from typing import Literal, get_args

Language = Literal["fi", "sv", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "fi"

# The staff pages (advisor, content, analytics) are in Finnish and English.
StaffLanguage = Literal["fi", "en"]
STAFF_LANGUAGES: tuple[StaffLanguage, ...] = get_args(StaffLanguage)

# Each language's name in itself, as a language selector shows it.
NATIVE_NAMES: dict[Language, str] = {"fi": "Suomi", "sv": "Svenska", "en": "English"}


def as_language(value: object, default: Language = DEFAULT_LANGUAGE) -> Language:
    """`value` if it is one of the languages, else `default`."""
    for language in LANGUAGES:
        if value == language:
            return language
    return default


def is_language(value: object) -> bool:
    return value in LANGUAGES


# The locale each language's dates and numbers are written in (Babel / CLDR names): Finland's
# Finnish and Swedish, and British English.
LOCALES: dict[Language, str] = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
