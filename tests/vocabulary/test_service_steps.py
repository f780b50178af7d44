from vocabulary.service_steps import DRIVERS, MEETING_KINDS, OUTCOMES, RATINGS, SERVICE_STEPS


def test_meeting_kinds_are_service_steps() -> None:
    assert set(MEETING_KINDS) <= set(SERVICE_STEPS)


def test_the_pulse_scales() -> None:
    assert OUTCOMES == ("yes", "partly", "no")
    assert RATINGS == (1, 2, 3, 4, 5)
    assert "other" in DRIVERS


def test_unasked_offer_kinds_are_offer_kinds() -> None:
    from vocabulary.service_steps import OFFER_KINDS, UNASKED_OFFER_KINDS

    assert set(UNASKED_OFFER_KINDS) < set(OFFER_KINDS)
    assert "on_request" not in UNASKED_OFFER_KINDS


def test_the_default_meeting_kind_is_a_meeting_kind() -> None:
    from vocabulary.service_steps import DEFAULT_MEETING_KIND

    assert DEFAULT_MEETING_KIND in MEETING_KINDS
    assert MEETING_KINDS == ("initial_interview", "job_search_discussion", "other_meeting")
