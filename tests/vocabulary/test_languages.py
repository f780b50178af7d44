from vocabulary.languages import DEFAULT_LANGUAGE, LANGUAGES, NATIVE_NAMES, as_language


def test_the_three_languages_in_order() -> None:
    assert LANGUAGES == ("fi", "sv", "en")
    assert DEFAULT_LANGUAGE in LANGUAGES
    assert set(NATIVE_NAMES) == set(LANGUAGES)


def test_unknown_language_falls_back() -> None:
    assert as_language("sv") == "sv"
    assert as_language("de") == "fi"
    assert as_language(None, default="en") == "en"


def test_every_language_has_a_locale_for_dates() -> None:
    from vocabulary.languages import LOCALES

    assert set(LOCALES) == set(LANGUAGES)
