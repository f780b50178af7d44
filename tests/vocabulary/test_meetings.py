from vocabulary.meetings import FREE_TEXT_SLOTS, PREPARATION_SLOTS, SECTIONS
from vocabulary.participation import PROPOSAL_TEXT_SLOTS
from vocabulary.service_steps import PULSE_TEXT_SLOTS


def test_six_sections_in_the_order_asked() -> None:
    assert SECTIONS == ("situation", "topics", "goals", "concerns", "proposals", "questions")


def test_the_preparation_asks_the_consent_then_the_sections() -> None:
    assert ("preparation_consent", *SECTIONS) == PREPARATION_SLOTS


def test_free_text_slots_are_the_preparation_the_pulse_texts_and_the_proposal() -> None:
    assert (*PREPARATION_SLOTS, *PULSE_TEXT_SLOTS, *PROPOSAL_TEXT_SLOTS) == FREE_TEXT_SLOTS
    assert len(set(FREE_TEXT_SLOTS)) == len(FREE_TEXT_SLOTS)


def test_a_resume_phrase_in_every_language() -> None:
    from vocabulary.languages import LANGUAGES
    from vocabulary.meetings import RESUME_PHRASES

    assert set(RESUME_PHRASES) == set(LANGUAGES)
