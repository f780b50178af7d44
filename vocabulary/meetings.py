"""The meeting preparation: the parts of the advisor's summary, in the order they are asked."""

from typing import Literal, get_args

from vocabulary.languages import Language
from vocabulary.participation import PROPOSAL_TEXT_SLOTS
from vocabulary.service_steps import PULSE_TEXT_SLOTS

Section = Literal["situation", "topics", "goals", "concerns", "proposals", "questions"]
SECTIONS: tuple[Section, ...] = get_args(Section)

# The preparation form's questions, in order: the consent (a client may type a sentence
# there), then the sections.
PREPARATION_SLOTS: tuple[str, ...] = ("preparation_consent", *SECTIONS)

# Slots of Rasa's tracker that hold the client's own words, which the tracker store redacts:
# the preparation's, the pulse survey's free texts and a proposal's text.
FREE_TEXT_SLOTS: tuple[str, ...] = (*PREPARATION_SLOTS, *PULSE_TEXT_SLOTS, *PROPOSAL_TEXT_SLOTS)

# What a client types to open the preparation again; the advisor's reminder and the
# assistant's pause message quote it, and Rasa's NLU data must contain it (a test checks).
RESUME_PHRASES: dict[Language, str] = {
    "fi": "valmistaudu tapaamiseen",
    "sv": "förbered mötet",
    "en": "prepare my meeting",
}
