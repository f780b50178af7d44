from vocabulary.participation import CONTACT_CHANNELS, PILOT_ANSWERS, PROPOSAL_SOURCES, THEMES


def test_themes_end_with_other() -> None:
    assert THEMES[-1] == "other"
    assert len(set(THEMES)) == len(THEMES)


def test_sources_and_contacts() -> None:
    assert "meeting_preparation" in PROPOSAL_SOURCES
    assert CONTACT_CHANNELS == ("telegram", "email")


def test_a_pilot_invitation_is_answered_yes_or_no() -> None:
    assert PILOT_ANSWERS == ("yes", "no")
