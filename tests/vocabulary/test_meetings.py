from vocabulary.meetings import FREE_TEXT_SLOTS, SECTIONS


def test_six_sections_in_the_order_asked() -> None:
    assert SECTIONS == ("situation", "topics", "goals", "concerns", "proposals", "questions")


def test_free_text_slots_are_the_sections_and_the_consent_answer() -> None:
    assert set(FREE_TEXT_SLOTS) == {"preparation_consent", *SECTIONS}
