"""Finnish base forms: Voikko (required: `make voikko`), and the suffix stripper without it."""

import pytest

from api.services.redaction import Redactor
from api.services.redaction.morphology import Reading, SuffixMorphology, load_morphology


def test_voikko_is_installed() -> None:
    # Never skipped: without Voikko the redactor still runs but finds fewer Finnish names.
    morphology = load_morphology()
    assert morphology.name == "voikko", (
        "Voikko is missing: run 'make voikko' (Debian's libvoikko1 and voikko-fi) and "
        "install requirements/app.txt (the libvoikko binding)"
    )


def test_the_api_redactor_uses_voikko(redactor: Redactor) -> None:
    assert redactor.morphology.name == "voikko", "run 'make voikko'"


@pytest.mark.parametrize(
    ("word", "base_form", "person", "place"),
    [
        ("Virtaselle", "Virtanen", True, False),
        ("Mikkosen", "Mikkonen", True, False),
        ("Emmalle", "Emma", True, False),
        ("Helsingissä", "Helsinki", False, True),
    ],
)
def test_voikko_reads_inflected_names_and_places(
    word: str, base_form: str, person: bool, place: bool
) -> None:
    morphology = load_morphology()
    assert morphology.name == "voikko", "run 'make voikko'"
    assert Reading(base_form, person=person, place=place) in morphology.readings(word)


def test_voikko_knows_names_that_are_words() -> None:
    morphology = load_morphology()
    assert morphology.name == "voikko", "run 'make voikko'"
    readings = morphology.readings("Annan")
    assert any(r.person for r in readings) and any(not r.person for r in readings)


@pytest.mark.parametrize(
    ("word", "base_form"),
    [
        ("Virtaselle", "Virtanen"),
        ("Virtasta", "Virtanen"),
        ("Mikolle", "Mikko"),
        ("Pekalle", "Pekka"),
        ("Lahdelle", "Lahti"),
        ("Matillekin", "Matti"),
        ("Annan", "Anna"),
    ],
)
def test_the_suffix_stripper_guesses_the_base_form(word: str, base_form: str) -> None:
    assert base_form in [r.base_form for r in SuffixMorphology().readings(word)]


def test_the_suffix_stripper_leaves_long_words_alone() -> None:
    assert SuffixMorphology().readings("a" * 1000) == []
