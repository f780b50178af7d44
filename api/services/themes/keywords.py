"""Themes by keywords: the method before sentence embeddings, now their helper (a keyword
hit adds to a theme's similarity, see classifier.py) and the baseline `make bench-themes`
measures them against.

Each theme has keywords per language, Finnish ones as stems ("kurss" for kurssi, kursseja).
Finnish and Swedish build compound words
("verkkopalvelu", "yrkesutbildning"), so their keywords match anywhere inside a word; English
keywords, and any keyword shorter than four letters, match at the start of a word only. The
theme with the most different keywords in the text wins, ties in THEMES' order; none: "other".
"""

import re
from collections.abc import Sequence
from functools import cache

from vocabulary.languages import Language
from vocabulary.participation import THEMES, Theme

KEYWORDS: dict[Theme, dict[Language, tuple[str, ...]]] = {
    "digital_services": {
        "fi": (
            "digi",
            "verkko",
            "netti",
            "sovellu",
            "sivust",
            "nettisivu",
            "chat",
            "bott",
            "avustaja",
            "sähköi",
            "kirjautu",
            "työmarkkinator",
            "etäpalvelu",
            "etänä",
            "tunnistautu",
            "lomak",
        ),
        "sv": (
            "digital",
            "webb",
            "nätet",
            "appen",
            "app",
            "inloggning",
            "logga in",
            "chatt",
            "bot",
            "e-tjänst",
            "hemsida",
            "webbplats",
            "blankett",
            "distans",
        ),
        "en": (
            "digital",
            "online",
            "website",
            "web",
            "app",
            "login",
            "log in",
            "chat",
            "bot",
            "portal",
            "e-service",
            "form",
            "remote",
        ),
    },
    "meetings_guidance": {
        "fi": (
            "tapaami",
            "neuvoja",
            "ohjau",
            "ohjaaja",
            "asiantuntija",
            "virkailija",
            "ajanvara",
            "keskustelu",
            "puhelu",
            "soitt",
            "vastaanot",
            "palaveri",
        ),
        "sv": (
            "möte",
            "mötet",
            "handledar",
            "rådgiv",
            "handledning",
            "vägledning",
            "tidsbok",
            "samtal",
            "ringa",
        ),
        "en": (
            "meeting",
            "advisor",
            "adviser",
            "guidance",
            "counsel",
            "appointment",
            "caseworker",
            "case worker",
            "phone call",
            "call",
        ),
    },
    "training": {
        "fi": (
            "koulutu",
            "kurss",
            "opiske",
            "opinno",
            "opinto",
            "tutkin",
            "oppisopimu",
            "ammattikoulu",
            "valmennu",
        ),
        "sv": ("utbildning", "kurs", "studie", "studera", "läroavtal", "skola", "examen"),
        "en": (
            "training",
            "course",
            "study",
            "studies",
            "education",
            "apprentice",
            "school",
            "degree",
            "class",
        ),
    },
    "job_search": {
        "fi": (
            "työnhak",
            "työpaik",
            "työhakemu",
            "hakemu",
            "ansioluettelo",
            "cv",
            "työnantaj",
            "rekry",
            "työhaastattelu",
            "työtarjou",
            "avoimet paikat",
        ),
        "sv": (
            "jobbsök",
            "arbetssök",
            "jobb",
            "ansökan",
            "cv",
            "arbetsgivar",
            "rekryter",
            "intervju",
            "lediga platser",
        ),
        "en": (
            "job",
            "jobs",
            "cv",
            "resume",
            "résumé",
            "application",
            "employer",
            "recruit",
            "interview",
            "vacanc",
            "hiring",
        ),
    },
    "wellbeing_work_ability": {
        "fi": (
            "hyvinvoin",
            "jaksa",
            "terveys",
            "terveyd",
            "työkyky",
            "mielenterv",
            "uupu",
            "stress",
            "kuntoutu",
            "sairau",
            "sairas",
            "masennu",
            "voimavar",
        ),
        "sv": (
            "välmående",
            "hälsa",
            "arbetsförmåga",
            "orka",
            "ork",
            "stress",
            "utbränd",
            "rehabiliter",
            "sjuk",
            "psykisk",
            "depression",
        ),
        "en": (
            "wellbeing",
            "well-being",
            "health",
            "work ability",
            "stress",
            "burnout",
            "burn-out",
            "mental",
            "rehabilit",
            "sick",
            "cope",
            "coping",
            "depress",
        ),
    },
    "immigrant_services": {
        "fi": (
            "maahanmuutt",
            "kotoutu",
            "suomen kiel",
            "kielitai",
            "tulkk",
            "tulkin",
            "tulkkau",
            "ulkomaala",
            "oleskelulu",
            "maahan muutt",
        ),
        "sv": (
            "invandr",
            "integration",
            "finska språk",
            "tolk",
            "uppehållstillstånd",
            "utländsk",
            "inflytt",
        ),
        "en": (
            "immigra",
            "integration",
            "finnish language",
            "learn finnish",
            "interpret",
            "residence permit",
            "foreign",
            "migrant",
        ),
    },
    "other": {"fi": (), "sv": (), "en": ()},
}
COMPOUNDING: frozenset[Language] = frozenset({"fi", "sv"})
MIN_INSIDE_WORD = 4


@cache
def _pattern(keyword: str, language: Language) -> re.Pattern[str]:
    escaped = re.escape(keyword)
    if language in COMPOUNDING and len(keyword) >= MIN_INSIDE_WORD:
        return re.compile(escaped)
    return re.compile(rf"(?<!\w){escaped}")


def hits(text: str, language: Language) -> dict[Theme, int]:
    """How many different keywords of each theme the text has."""
    lowered = text.casefold()
    return {
        theme: sum(
            1
            for keyword in KEYWORDS[theme][language]
            if _pattern(keyword, language).search(lowered)
        )
        for theme in THEMES
    }


def suggest(text: str, language: Language) -> Theme:
    found = hits(text, language)
    best: Theme = "other"
    for theme in THEMES:  # ties: the first in THEMES' order
        if found[theme] > found[best]:
            best = theme
    return best


class KeywordThemes:
    """The keyword method behind the classifier's interface (ThemeClassifier)."""

    method = "keywords"

    def classify(self, texts: Sequence[str], language: Language) -> list[Theme]:
        return [suggest(text, language) for text in texts]

    def warm(self) -> None:
        """Nothing to load."""
