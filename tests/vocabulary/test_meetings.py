from vocabulary.meetings import FREE_TEXT_SLOTS, SECTIONS


def test_six_sections_in_the_order_asked() -> None:
    assert SECTIONS == ("situation", "topics", "goals", "concerns", "proposals", "questions")


def test_free_text_slots_are_the_sections_and_the_consent_answer() -> None:
    assert set(FREE_TEXT_SLOTS) == {"preparation_consent", *SECTIONS}


def test_a_resume_phrase_in_every_language() -> None:
    from vocabulary.languages import LANGUAGES
    from vocabulary.meetings import RESUME_PHRASES

    assert set(RESUME_PHRASES) == set(LANGUAGES)
