"""The meeting preparation form's validation: consent, skipping, storing, correcting."""

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import api_routes as routes
from actions.meeting_display import SKIPPED
from actions.meeting_preparation_form import ValidateMeetingPreparationForm
from tests.actions.conftest import RecordingApi, make_tracker
from vocabulary.meetings import SECTIONS

pytestmark = pytest.mark.anyio
FORM = "meeting_preparation_form"
DOMAIN = {"forms": {FORM: {"required_slots": ["preparation_consent", *SECTIONS]}}}


def form_tracker(requested: str, text: str, intent: str = "nlu_fallback", **kwargs: Any) -> Any:
    slots = {"requested_slot": requested, requested: text, **kwargs.pop("slots", {})}
    return make_tracker(
        text=text,
        intent=intent,
        slots=slots,
        active_loop=FORM,
        slot_candidates={requested: text},
        **kwargs,
    )


async def validate(tracker: Any, dispatcher: CollectingDispatcher) -> dict[str, Any]:
    events = await ValidateMeetingPreparationForm().run(dispatcher, tracker, DOMAIN)
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


@pytest.mark.parametrize(("intent", "consent"), [("affirm", True), ("deny", False)])
async def test_consent_is_stored_with_the_api(
    api: RecordingApi, dispatcher: CollectingDispatcher, intent: str, consent: bool
) -> None:
    api.open_meeting()
    got = await validate(form_tracker("preparation_consent", "joo", intent), dispatcher)
    assert got["preparation_consent"] is consent
    assert api.meeting is not None and api.meeting["consent"] is consent


async def test_an_unclear_consent_is_asked_again(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting()
    got = await validate(form_tracker("preparation_consent", "mitä?"), dispatcher)
    assert got["preparation_consent"] is None
    assert dispatcher.messages[0]["response"] == "utter_preparation_consent_unclear"
    assert api.meeting is not None and api.meeting["consent"] is None


async def test_an_answer_is_stored_and_the_slot_holds_the_redacted_form(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting(consent=True)
    tracker = form_tracker("goals", "myyjäksi", slots={"preparation_consent": True})
    got = await validate(tracker, dispatcher)
    assert got["goals"] == "MYYJÄKSI"
    assert api.stored == [("goals", "myyjäksi", False)]


async def test_a_correction_replaces_the_earlier_answer(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting(consent=True)
    slots = {"preparation_consent": True, "correcting_section": "goals"}
    got = await validate(form_tracker("goals", "kokki", slots=slots), dispatcher)
    assert api.stored == [("goals", "kokki", True)]
    assert got["correcting_section"] is None


async def test_skipping_stores_nothing(api: RecordingApi, dispatcher: CollectingDispatcher) -> None:
    api.open_meeting(consent=True)
    got = await validate(form_tracker("concerns", "/skip", "skip", confidence=1.0), dispatcher)
    assert got["concerns"] == SKIPPED
    assert api.stored == []


async def test_an_old_button_is_not_taken_for_an_answer(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting(consent=True)
    tracker = form_tracker("situation", "/confirm_preparation", "confirm_preparation")
    got = await validate(tracker, dispatcher)
    assert got["situation"] is None
    assert api.stored == []


async def test_when_the_api_is_down_the_answer_waits_and_the_form_goes_on(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    """The answer waits in the write queue; the client is told it is saved, once: not again
    for the answers queued behind it."""
    api.open_meeting(consent=True)
    api.down = True
    got = await validate(form_tracker("situation", "haen töitä"), dispatcher)
    # The slot holds the answer as given (the tracker store masks it before storing it).
    assert got["situation"] == "haen töitä"
    assert [m["response"] for m in dispatcher.messages] == ["utter_write_queued"]
    again = CollectingDispatcher()
    got = await validate(form_tracker("goals", "töihin"), again)
    assert got["goals"] == "töihin"
    assert again.messages == []
    assert api.queued == [routes.STORE_ANSWER, routes.STORE_ANSWER]
    assert api.stored == []


async def test_when_the_api_is_down_a_consent_waits_too(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting()
    api.down = True
    tracker = form_tracker("preparation_consent", "kyllä", intent="affirm")
    assert (await validate(tracker, dispatcher))["preparation_consent"] is True
    assert [m["response"] for m in dispatcher.messages] == ["utter_write_queued"]
    assert api.queued == [routes.SET_CONSENT]


async def test_a_meeting_that_started_ends_the_form(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting(consent=True)
    api.editable = False
    got = await validate(form_tracker("topics", "Koulutus"), dispatcher)
    assert got["topics"] == SKIPPED and got["questions"] == SKIPPED
    assert dispatcher.messages[0]["response"] == "utter_preparation_closed"


async def test_without_consent_only_the_consent_is_required(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker(slots={"preparation_consent": False}, active_loop=FORM)
    required = await ValidateMeetingPreparationForm().required_slots(
        ["preparation_consent", "situation"], dispatcher, tracker, {}
    )
    assert required == ["preparation_consent"]


async def test_at_activation_answers_given_earlier_are_kept_not_stored_again(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting(consent=True)
    slots = {"requested_slot": None, "preparation_consent": True, "goals": "MYYJÄKSI"}
    tracker = make_tracker(
        text="valmistaudu tapaamiseen",
        intent="prepare_meeting",
        slots=slots,
        active_loop=FORM,
        slot_candidates={"preparation_consent": True, "goals": "MYYJÄKSI"},
    )
    got = await validate(tracker, dispatcher)
    assert got["preparation_consent"] is True and got["goals"] == "MYYJÄKSI"
    assert api.stored == [] and dispatcher.messages == []


async def test_at_activation_the_opening_message_is_not_an_answer(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting()
    tracker = make_tracker(
        text="hei",
        slots={"requested_slot": None, "preparation_consent": "hei"},
        active_loop=FORM,
        slot_candidates={"preparation_consent": "hei"},
    )
    got = await validate(tracker, dispatcher)
    assert got["preparation_consent"] is None
    assert dispatcher.messages == [] and api.meeting is not None and api.meeting["consent"] is None


def test_every_section_is_validated_and_stored() -> None:
    form = ValidateMeetingPreparationForm()
    for slot in ("preparation_consent", *SECTIONS):
        assert callable(getattr(form, f"validate_{slot}", None)), slot
