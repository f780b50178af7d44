"""The meeting preparation: the parts of the advisor's summary, in the order they are asked."""

from typing import Literal, get_args

from vocabulary.languages import Language

Section = Literal["situation", "topics", "goals", "concerns", "proposals", "questions"]
SECTIONS: tuple[Section, ...] = get_args(Section)

# Slots of Rasa's tracker that hold the client's own words: the sections, and the answer to
# the consent question (a client may type a sentence there).
FREE_TEXT_SLOTS: tuple[str, ...] = ("preparation_consent", *SECTIONS)

# What a client types to open the preparation again; the advisor's reminder and the
# assistant's pause message quote it, and Rasa's NLU data must contain it (a test checks).
RESUME_PHRASES: dict[Language, str] = {
    "fi": "valmistaudu tapaamiseen",
    "sv": "förbered mötet",
    "en": "prepare my meeting",
}
