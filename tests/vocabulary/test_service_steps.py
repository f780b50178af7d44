from vocabulary.service_steps import DRIVERS, MEETING_KINDS, OUTCOMES, RATINGS, SERVICE_STEPS


def test_meeting_kinds_are_service_steps() -> None:
    assert set(MEETING_KINDS) <= set(SERVICE_STEPS)


def test_the_pulse_scales() -> None:
    assert OUTCOMES == ("yes", "partly", "no")
    assert RATINGS == (1, 2, 3, 4, 5)
    assert "other" in DRIVERS
