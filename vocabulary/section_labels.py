"""The meeting preparation's sections by name, in each language: the read-back in the chat
(actions) and the client's copy of their data (API) say them alike. Display words only: not
an input of the Rasa model (publisher/fingerprint.py leaves it out)."""

from vocabulary.languages import Language
from vocabulary.meetings import Section

SECTION_LABELS: dict[Language, dict[Section, str]] = {
    "fi": {
        "situation": "Tilanne",
        "topics": "Aiheet",
        "goals": "Tavoitteet",
        "concerns": "Huolet",
        "proposals": "Ehdotukset",
        "questions": "Kysymykset",
    },
    "sv": {
        "situation": "Läget",
        "topics": "Ämnen",
        "goals": "Mål",
        "concerns": "Oro",
        "proposals": "Förslag",
        "questions": "Frågor",
    },
    "en": {
        "situation": "Situation",
        "topics": "Topics",
        "goals": "Aims",
        "concerns": "Worries",
        "proposals": "Proposals",
        "questions": "Questions",
    },
}
