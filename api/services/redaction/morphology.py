"""Finnish base forms of a word: Voikko (Debian's libvoikko1 and voikko-fi) or, without it, a
small suffix stripper that knows only what names need.

"Virtaselle" is "Virtanen", "Lahdessa" is the place "Lahti" and "Annan" is both "Anna" and a form
of "antaa" (to give): the person recogniser needs the base form and whether it is a first name,
a surname, a place or an ordinary word. `make voikko` installs the system packages.
"""

import logging
import threading
from dataclasses import dataclass
from typing import Protocol

logger = logging.getLogger(__name__)

# Voikko's word classes (CLASS) that name a person; "paikannimi" is a place, "nimi" another
# proper noun (a brand or an organisation); every other class is an ordinary word.
PERSON_CLASSES = frozenset({"etunimi", "sukunimi"})
PLACE_CLASSES = frozenset({"paikannimi", "nimi"})
# Voikko refuses longer words anyway; names are far shorter.
MAX_WORD_LENGTH = 40


@dataclass(frozen=True)
class Reading:
    """One analysis of a word: its base form and whether that is a person, a place or neither."""

    base_form: str
    person: bool = False
    place: bool = False


class Morphology(Protocol):
    name: str

    def readings(self, word: str) -> list[Reading]:
        """The word's possible base forms, the word itself among them where it may be one."""
        ...


class VoikkoMorphology:
    name = "voikko"

    def __init__(self, voikko: object) -> None:
        self._voikko = voikko
        # One Voikko handle is not safe to share between threads (the API's thread pool).
        self._lock = threading.Lock()

    def readings(self, word: str) -> list[Reading]:
        if len(word) > MAX_WORD_LENGTH:
            return []
        with self._lock:
            analyses = self._voikko.analyze(word)  # type: ignore[attr-defined]
        readings = []
        for analysis in analyses:
            word_class = analysis.get("CLASS", "")
            base_form = analysis.get("BASEFORM") or word
            readings.append(
                Reading(
                    base_form=base_form,
                    person=word_class in PERSON_CLASSES,
                    place=word_class in PLACE_CLASSES,
                )
            )
        return readings


# Case endings a name takes, longest first, each with the base-form endings to try in its place:
# Virtase|lle -> Virtanen, Matti|lle, Anna|n, Mikko|a. Consonant gradation (Mikolle -> Mikko,
# Lahdelle -> Lahti) is tried on the stem below.
_ENDINGS = (
    "ineen",
    "iksi",
    "ssa",
    "ssä",
    "sta",
    "stä",
    "lla",
    "llä",
    "lta",
    "ltä",
    "lle",
    "ksi",
    "tta",
    "ttä",
    "na",
    "nä",
    "ta",
    "tä",
    "n",
    "a",
    "ä",
)
_CLITICS = ("kin", "kaan", "kään", "han", "hän", "pa", "pä", "ko", "kö")
_GRADATION = {"k": "kk", "p": "pp", "t": "tt", "d": "t", "v": "p", "ng": "nk", "mm": "mp"}


class SuffixMorphology:
    """Guesses base forms by stripping case endings; the caller checks them against name lists."""

    name = "suffixes"

    def readings(self, word: str) -> list[Reading]:
        if len(word) > MAX_WORD_LENGTH:
            return []
        stems = [word]
        for clitic in _CLITICS:
            if word.endswith(clitic) and len(word) > len(clitic) + 2:
                stems.append(word[: -len(clitic)])
        forms: list[str] = []
        for stem in stems:
            forms.append(stem)
            for ending in _ENDINGS:
                if stem.endswith(ending) and len(stem) > len(ending) + 1:
                    forms.extend(_base_forms(stem[: -len(ending)]))
        return [Reading(base_form=form) for form in dict.fromkeys(forms)]


def _base_forms(stem: str) -> list[str]:
    forms = [stem]
    # -nen names: Virtase(lle), Virtas(ta) -> Virtanen
    if stem.endswith("se"):
        forms.append(stem[:-2] + "nen")
    elif stem.endswith("s"):
        forms.append(stem[:-1] + "nen")
    # Lahde(lle) -> Lahti, Mäe(n) -> Mäki: an i-stem that shows an e before the ending
    vowel_forms = [stem]
    if stem.endswith("e"):
        vowel_forms.append(stem[:-1] + "i")
    for form in vowel_forms:
        forms.append(form)
        if len(form) < 3:
            continue
        # Miko(lle) -> Mikko, Peka(lle) -> Pekka, Lahde -> Lahti: the weak grade back to strong
        consonants, vowel = form[:-1], form[-1]
        for weak, strong in _GRADATION.items():
            if consonants.endswith(weak):
                forms.append(consonants[: -len(weak)] + strong + vowel)
    return forms


def load_morphology() -> Morphology:
    """Voikko when libvoikko1, voikko-fi and the `libvoikko` binding are there; else the suffix
    stripper, with a warning (the redactor still works, with a lower recall in Finnish)."""
    try:
        import libvoikko  # type: ignore[import-untyped]
    except ImportError as error:
        return _without_voikko(error)
    try:
        return VoikkoMorphology(libvoikko.Voikko("fi"))
    except (OSError, libvoikko.VoikkoException) as error:  # no libvoikko1, no voikko-fi
        return _without_voikko(error)


def _without_voikko(error: Exception) -> Morphology:
    logger.warning(
        "Finnish morphology: Voikko unavailable (%s); names in Finnish are found by stripping "
        "case endings instead. Install it with 'make voikko'.",
        type(error).__name__,
    )
    return SuffixMorphology()
