"""The words the person recogniser knows: names of people, places, ordinary words, cues.

First names and surnames come from Faker's fi_FI, sv_SE, en_US and en_GB lists (a maintained
package, offline; about 3,600 names), Finnish ones also from Voikko's dictionary. Ordinary words
(to tell "Usko" the faith from Usko the man, and "Mark" the verb from Mark) are Voikko's for
Finnish, and for every language spaCy's stop words, Faker's list of common English words and
the short lists below. Everything is lower-cased.
"""

import importlib
from collections.abc import Mapping
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS
from spacy.lang.fi.stop_words import STOP_WORDS as FI_STOP_WORDS
from spacy.lang.sv.stop_words import STOP_WORDS as SV_STOP_WORDS

from vocabulary.languages import LANGUAGES

NAME_LOCALES = ("fi_FI", "sv_SE", "en_US", "en_GB")
_NAME_ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "last_names")

# The cues that name the name (NAMING_CUE_WORDS) are in vocabulary.redaction, which Rasa's
# tracker store reads too.
# Cues before a name: "nimeni on X", "jag heter X", "my advisor X". A cue word may be followed
# by connectors ("my advisor is X", "min handläggare heter X"). A weak cue ("olen X", "I am X")
# counts only for a word that is a known name; a strong one also for an unknown capitalised
# word ("my name is Zorbek"). Finnish cues are stems: "neuvoja" covers neuvojani, neuvojalle...
STRONG_CUE_WORDS = frozenset(
    {
        # fi
        "nimeni",
        "nimi",
        "nimesi",
        "nimensä",
        "nimeltä",
        "nimeltään",
        "nimeltäni",
        "terveisin",
        "t.",
        "rouva",
        "herra",
        "hra",
        # sv
        "heter",
        "hette",
        "namn",
        "namnet",
        "hälsningar",
        "mvh",
        "herr",
        "fru",
        # en
        "name",
        "named",
        "called",
        "regards",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
    }
)
STRONG_CUE_STEMS = (
    # fi: the advisor and the like, in any case with or without a possessive suffix
    "neuvoja",
    "neuvojie",
    "virkailija",
    "asiantuntija",
    "ohjaaja",
    "valmentaja",
    "yhteyshenkilö",
    "esihenkilö",
    "esimie",
    "kollega",
    "työkaveri",
    "sosiaalityöntekijä",
    "vaimo",
    "puoliso",
    "ystävä",
    "kaveri",
    # sv
    "handläggare",
    "rådgivare",
    "kontaktperson",
    "kollega",
    # en
    "advisor",
    "adviser",
    "caseworker",
    "counsellor",
    "counselor",
    "coach",
    "colleague",
)
WEAK_CUE_WORDS = frozenset(
    {
        "olen",
        "oon",
        "mä",
        "minä",
        "täällä",
        "soitin",
        "puhuin",
        "tapasin",
        "jag",
        "är",
        "i",
        "am",
        "i'm",
        "im",
        "this",
        "met",
        "with",
        "to",
        "hei",
        "moi",
        "hej",
        "hi",
        "hello",
        "dear",
    }
)
# Between a cue and the name: "my advisor is X", "min handläggare heter X".
CONNECTORS = frozenset(
    {"on", "oli", "is", "was", "are", "är", "var", "heter", "called", "named", "nimeltä"}
)

# Names that are also ordinary words, where no dictionary says so (Voikko covers Finnish).
_ORDINARY = {
    "fi": (
        "usko toivo onni anna armas into oiva veli sulo aamu ilta tuuli lumi satu helmi "
        "taimi rauha sointu meri lempi tyyne aarre voitto valo lahja ilo aura kaste ruusu "
        "kukka lilja päivä kesä talvi kevät syksy suvi kari salo mäki koski järvi lahti "
        "niemi laine aalto virta kivi saari vuori harju tie katu kela hei moi kiitos "
        "maanantai tiistai keskiviikko torstai perjantai lauantai sunnuntai tammikuu "
        "helmikuu maaliskuu huhtikuu toukokuu kesäkuu heinäkuu elokuu syyskuu lokakuu "
        "marraskuu joulukuu suomi ruotsi englanti"
    ),
    "sv": (
        "hej tack hejsan ja nej vi har kan vill blir gör får bo sten berg ek björk lind "
        "dal ström strand sjö holm gren lund ros viol linnea maj juni juli augusti "
        "måndag tisdag onsdag torsdag fredag lördag söndag januari februari mars april "
        "september oktober november december fpa finska svenska engelska finland sverige "
        "vän"
    ),
    "en": (
        "mark will bill rose grace hope joy may june april august faith guy frank rich sandy "
        "dawn summer iris ivy lily holly daisy amber ruby pearl violet hazel jade robin ray "
        "gene sky rock stone brown white black green young king bush wood hill hall ward "
        "cook baker price page cross bell long rice love sharp strong star bond lane park "
        "hi hello dear thanks monday tuesday wednesday thursday friday saturday sunday "
        "january february march september october november december christmas easter "
        "english finnish swedish estonian russian finland sweden kela fpa god job jobs art "
        "carol drew chase dean grant hunter mason miles lee chance case"
    ),
}
# Titles before a name are not part of it ("Ms Patel" -> "Ms <PERSON>").
_TITLES = "mr mrs ms miss dr herr fru rouva herra hra"
# Words written with a capital whatever they mean in English (months, days, languages,
# nationalities) and organisations: capitalisation says nothing of them, as of places.
_PROPER_NOUNS = (
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday english finnish swedish "
    "estonian russian somali arabic ukrainian french german spanish chinese christmas easter "
    "kela fpa te työmarkkinatori omakanta suomi.fi jobmarket nav eu"
)
# Places that are also in the name lists (Lahti, Salo, Vasa, Florence, Austin...). Finnish
# places come from Voikko too; Faker's town lists are added below.
_PLACES = (
    "helsinki helsingfors espoo esbo vantaa tampere turku åbo oulu uleåborg lahti salo kotka "
    "pori vaasa vasa kokkola jyväskylä kuopio porvoo borgå hanko hangö kemi tornio rauma "
    "mikkeli kajaani lappi lappland pohjanmaa österbotten karjala stockholm göteborg "
    "gothenburg malmö uppsala umeå luleå oslo tallinn riga berlin paris london york "
    "florence sydney austin lincoln jackson washington chester victoria georgia carolina "
    "virginia kent devon chelsea orlando dallas houston phoenix denver chicago boston "
    "europe eu finland suomi sverige sweden"
)


@dataclass(frozen=True)
class Lexicon:
    person_names: frozenset[str]
    places: frozenset[str]
    ordinary: Mapping[str, frozenset[str]]

    def is_ordinary(self, word: str, language: str) -> bool:
        return word in self.ordinary.get(language, frozenset())


def _faker_words(module: str, attributes: tuple[str, ...]) -> set[str]:
    provider = importlib.import_module(module).Provider
    words: set[str] = set()
    for attribute in attributes:
        # Lists, or dicts of name -> weight in some locales.
        for word in getattr(provider, attribute, ()):
            words.add(str(word).lower())
    return words


def load_lexicon() -> Lexicon:
    """Reads Faker's lists (about 20 ms); call once when the redactor is built."""
    names: set[str] = set()
    for locale in NAME_LOCALES:
        names |= _faker_words(f"faker.providers.person.{locale}", _NAME_ATTRIBUTES)
    places = set(_PLACES.split()) | set(_PROPER_NOUNS.split())
    for locale in ("fi_FI", "sv_SE"):
        places |= _faker_words(f"faker.providers.address.{locale}", ("cities",))
    places |= _faker_words("faker.providers.address.en_US", ("states",))
    english_words = _faker_words("faker.providers.lorem.en_US", ("word_list",))
    stop_words = {"fi": FI_STOP_WORDS, "sv": SV_STOP_WORDS, "en": EN_STOP_WORDS | english_words}
    ordinary: dict[str, frozenset[str]] = {
        language: frozenset(
            {w.lower() for w in stop_words[language]}
            | set(_ORDINARY[language].split())
            | set(_TITLES.split())
        )
        for language in LANGUAGES
    }
    return Lexicon(person_names=frozenset(names), places=frozenset(places), ordinary=ordinary)
