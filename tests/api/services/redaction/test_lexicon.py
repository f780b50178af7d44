"""The words the person recogniser knows, read from Faker's lists and the short lists."""

from api.services.redaction.lexicon import load_lexicon


def test_names_of_every_locale() -> None:
    names = load_lexicon().person_names
    # fi_FI, sv_SE, en_US and en_GB each give first names and surnames
    assert {"matti", "virtanen", "karin", "lindqvist", "jessica", "smith"} <= names
    assert len(names) > 3000


def test_places_and_ordinary_words() -> None:
    lexicon = load_lexicon()
    assert {"helsinki", "göteborg", "lahti", "tampere", "may", "kela"} <= lexicon.places
    assert lexicon.is_ordinary("usko", "fi") and lexicon.is_ordinary("mark", "en")
    assert lexicon.is_ordinary("ms", "en")  # a title is not part of the name
    assert not lexicon.is_ordinary("mark", "fi")
