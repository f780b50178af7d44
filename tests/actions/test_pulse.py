"""actions.pulse: when the survey is offered, how its answers are read, and the one answer
stored, against the recording stand-in of the API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import api_routes as routes
from actions.api_client import ApiReply
from actions.conversation import ActionSessionStart
from actions.pulse import (
    CONVERSATION_SLOTS,
    MIN_TURNS,
    ActionAskToImprove,
    ActionAskWentWell,
    ActionOfferPulse,
    ActionSubmitPulse,
    ValidatePulseForm,
)
from tests.actions.conftest import RecordingApi, entity, make_tracker

pytestmark = pytest.mark.anyio

DOMAIN = yaml.safe_load(
    (Path(__file__).parents[2] / "domain" / "pulse.yml").read_text(encoding="utf-8")
)
TELEGRAM = "tg-0123abcd"
WEB = "rest-test-sender"


def conversation(
    *intents: str,
    sender: str = WEB,
    slots: dict[str, Any] | None = None,
    entities: list[dict[str, Any]] | None = None,
    active_loop: str | None = None,
    text: str = "moi",
) -> Tracker:
    """A session with the client's messages of these intents; the last is the latest."""
    events: list[dict[str, Any]] = [{"event": "session_started"}]
    latest: dict[str, Any] = {}
    for number, intent in enumerate(intents, start=1):
        last = number == len(intents)
        latest = {
            "text": text if last else f"message {number}",
            "intent": {"name": intent, "confidence": 1.0},
            "entities": (entities or []) if last else [],
            "metadata": {},
        }
        events.append({"event": "user", "text": latest["text"], "parse_data": latest})
    return Tracker(
        sender_id=sender,
        slots={"language": "fi", "requested_slot": None, **(slots or {})},
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def slots(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def responses(dispatcher: CollectingDispatcher) -> list[str | None]:
    return [m.get("response") for m in dispatcher.messages]


# --- Offers ------------------------------------------------------------------------------------


async def test_the_bridges_offer_after_a_held_meeting_knows_the_step(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    api.invitation = "job_search_discussion"
    tracker = conversation(
        "offer_pulse", sender=TELEGRAM, entities=[entity("offer_kind", "after_meeting")]
    )
    events = await ActionOfferPulse().run(dispatcher, tracker, DOMAIN)
    assert api.offers == [(TELEGRAM, "after_meeting", "telegram", "fi")]
    assert responses(dispatcher) == ["utter_pulse_intro_after_meeting"]
    assert slots(events) | {"pulse_outcome": None} == slots(events)
    assert {k: slots(events)[k] for k in ("pulse_offer_kind", "pulse_step", "pulse_offered")} == {
        "pulse_offer_kind": "after_meeting",
        "pulse_step": "job_search_discussion",
        "pulse_offered": True,
    }
    assert slots(events)["pulse_stage"] == "form"


async def test_without_an_invitation_nothing_is_said(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = conversation("offer_pulse", sender=TELEGRAM)
    events = await ActionOfferPulse().run(dispatcher, tracker, DOMAIN)
    assert dispatcher.messages == []
    assert slots(events) == {"pulse_offered": True, "pulse_stage": "stop"}


async def test_on_request_it_asks_the_step(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    events = await ActionOfferPulse().run(dispatcher, conversation("give_feedback"), DOMAIN)
    assert api.offers == [(WEB, "on_request", "web", "fi")]
    assert responses(dispatcher) == ["utter_pulse_intro_on_request"]
    assert slots(events)["pulse_step"] is None  # the form asks it first
    assert (slots(events)["pulse_offer_kind"], slots(events)["pulse_stage"]) == (
        "on_request",
        "form",
    )


async def test_on_request_while_the_api_is_down_says_so(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    api.down = True
    events = await ActionOfferPulse().run(dispatcher, conversation("give_feedback"), DOMAIN)
    assert responses(dispatcher) == ["utter_pulse_unavailable"]
    assert slots(events) == {"pulse_stage": "stop"}


async def test_on_request_after_answering_in_this_conversation(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = conversation("give_feedback", slots={"pulse_answered": True})
    events = await ActionOfferPulse().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_pulse_already_answered"]
    assert api.offers == []
    assert slots(events) == {"pulse_stage": "stop"}


async def test_a_goodbye_after_a_few_turns_asks_about_this_assistant(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = conversation("greet", "faq", "faq", "goodbye")
    assert len(tracker.events) - 2 == MIN_TURNS  # three messages before the goodbye
    events = await ActionOfferPulse().run(dispatcher, tracker, DOMAIN)
    assert api.offers == [(WEB, "end_of_conversation", "web", "fi")]
    assert responses(dispatcher) == ["utter_pulse_intro_end_of_conversation"]
    assert (slots(events)["pulse_step"], slots(events)["pulse_stage"]) == ("assistant", "form")


@pytest.mark.parametrize("intents", [("greet", "faq", "thank"), ("thank",), ("greet", "faq")])
async def test_a_short_conversation_is_not_asked(
    dispatcher: CollectingDispatcher, api: RecordingApi, intents: tuple[str, ...]
) -> None:
    events = await ActionOfferPulse().run(dispatcher, conversation(*intents), DOMAIN)
    assert (api.offers, dispatcher.messages, slots(events)) == ([], [], {"pulse_stage": "stop"})


async def test_a_conversation_that_went_badly_is_asked_too(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    await ActionOfferPulse().run(dispatcher, conversation("out_of_scope"), DOMAIN)
    assert api.offers == []  # one failure is not yet a pattern
    tracker = conversation("nlu_fallback", "greet", "out_of_scope")
    events = await ActionOfferPulse().run(dispatcher, tracker, DOMAIN)
    assert api.offers == [(WEB, "end_of_conversation", "web", "fi")]
    assert responses(dispatcher) == ["utter_pulse_intro_fallbacks"]
    assert slots(events)["pulse_step"] == "assistant"


async def test_a_new_session_counts_its_own_turns(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = conversation("greet", "faq", "faq", "faq", "goodbye")
    tracker.events.insert(-1, {"event": "session_started"})
    await ActionOfferPulse().run(dispatcher, tracker, DOMAIN)
    assert api.offers == []


async def test_never_twice_in_one_conversation(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    for offered in ({"pulse_offered": True}, {"pulse_answered": True}):
        tracker = conversation("greet", "faq", "faq", "goodbye", slots=offered)
        assert await ActionOfferPulse().run(dispatcher, tracker, DOMAIN) == [
            {"event": "slot", "timestamp": None, "name": "pulse_stage", "value": "stop"}
        ]
    assert api.offers == []
    assert dispatcher.messages == []


async def test_the_weekly_limit_is_the_apis(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    api.allow_unasked = False
    tracker = conversation("greet", "faq", "faq", "goodbye")
    events = await ActionOfferPulse().run(dispatcher, tracker, DOMAIN)
    assert len(api.offers) == 1 and dispatcher.messages == []
    # Not asked again in this conversation.
    assert slots(events) == {"pulse_offered": True, "pulse_stage": "stop"}


async def test_no_offer_inside_a_form(dispatcher: CollectingDispatcher, api: RecordingApi) -> None:
    tracker = conversation("greet", "faq", "faq", "thank", active_loop="proposal_form")
    events = await ActionOfferPulse().run(dispatcher, tracker, DOMAIN)
    assert (api.offers, slots(events)) == ([], {"pulse_stage": "stop"})
    tracker = conversation("greet", "faq", "faq", "thank", active_loop="pulse_form")
    assert slots(await ActionOfferPulse().run(dispatcher, tracker, DOMAIN)) == {
        "pulse_stage": "form"
    }


# --- A web client's offer when its next conversation starts -----------------------------------


async def test_a_web_client_is_offered_the_meetings_survey_when_it_comes_back(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    api.invitation = "initial_interview"
    tracker = make_tracker(slots={"session_started_metadata": {"language": "sv"}})
    events = await ActionSessionStart().run(dispatcher, tracker, DOMAIN)
    assert api.offers == [(WEB, "after_meeting", "web", "sv")]
    intro, question = dispatcher.messages
    assert intro["text"].startswith("Din rådgivare har markerat")
    assert question["text"] == "Fick du gjort det du kom för?"
    # Only the answers: they go on with the survey (ignoring it is skipping it).
    assert [b["title"] for b in question["buttons"]] == ["Ja", "Delvis", "Nej"]
    offer = slots(events)
    assert (offer["pulse_offer_kind"], offer["pulse_step"], offer["pulse_offered"]) == (
        "after_meeting",
        "initial_interview",
        True,
    )
    assert events[-1]["name"] == "action_listen"


@pytest.mark.parametrize(
    ("sender", "metadata"), [(TELEGRAM, {}), (WEB, {"invite_code": "K7QM-4TXD-9RWB-E"})]
)
async def test_no_offer_at_the_start_of_a_push_channel_or_an_invitation(
    dispatcher: CollectingDispatcher, api: RecordingApi, sender: str, metadata: dict[str, str]
) -> None:
    api.invitation = "initial_interview"
    tracker = make_tracker(slots={"session_started_metadata": metadata})
    tracker.sender_id = sender
    await ActionSessionStart().run(dispatcher, tracker, DOMAIN)
    assert (api.offers, dispatcher.messages) == ([], [])


async def test_a_new_session_does_not_carry_the_last_conversations_survey(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    old = {slot: "x" for slot in CONVERSATION_SLOTS}
    events = await ActionSessionStart().run(
        dispatcher, make_tracker(slots={**old, "language": "en"}), DOMAIN
    )
    assert slots(events) == {"language": "en"}


async def test_a_button_of_that_offer_goes_on_with_the_survey(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = conversation(
        "pulse_answer",
        slots={"pulse_offer_kind": "after_meeting", "pulse_step": "initial_interview"},
        entities=[entity("outcome", "partly")],
    )
    events = await ActionOfferPulse().run(dispatcher, tracker, DOMAIN)
    assert slots(events) == {"pulse_outcome": "partly", "pulse_stage": "form"}
    assert api.offers == []  # the offer was made already


async def test_a_button_of_a_survey_that_ended(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = conversation("pulse_answer", entities=[entity("outcome", "yes")])
    events = await ActionOfferPulse().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_pulse_ended"]
    assert slots(events) == {"pulse_stage": "stop"}


# --- The questions -------------------------------------------------------------------------------


def asked(
    slot: str, intent: str = "pulse_answer", text: str = "/pulse_answer", **values: Any
) -> Tracker:
    entities = [entity(name, value) for name, value in values.items()]
    return make_tracker(
        slots={"requested_slot": slot, "language": "fi"},
        intent=intent,
        entities=entities,
        text=text,
        active_loop="pulse_form",
    )


async def test_the_step_outcome_and_rating_come_from_their_buttons(
    dispatcher: CollectingDispatcher,
) -> None:
    form = ValidatePulseForm()
    step = asked("pulse_step", service_step="other_service")
    assert await form.extract_pulse_step(dispatcher, step, {}) == {"pulse_step": "other_service"}
    outcome = asked("pulse_outcome", outcome="no")
    assert await form.extract_pulse_outcome(dispatcher, outcome, {}) == {"pulse_outcome": "no"}
    rating = asked("pulse_rating", rating=2)
    assert await form.extract_pulse_rating(dispatcher, rating, {}) == {"pulse_rating": 2}


async def test_typed_answers_and_skips(dispatcher: CollectingDispatcher) -> None:
    form = ValidatePulseForm()
    yes = asked("pulse_outcome", intent="affirm", text="joo")
    assert await form.extract_pulse_outcome(dispatcher, yes, {}) == {"pulse_outcome": "yes"}
    four = asked("pulse_rating", intent="nlu_fallback", text="4, ihan hyvin")
    assert await form.extract_pulse_rating(dispatcher, four, {}) == {"pulse_rating": 4}
    skipped = asked("pulse_rating", intent="skip", text="ohita")
    assert await form.extract_pulse_rating(dispatcher, skipped, {}) == {"pulse_rating": "-"}
    assert await form.validate_pulse_rating("-", dispatcher, skipped, {}) == {"pulse_rating": "-"}


async def test_anything_else_is_not_an_answer(dispatcher: CollectingDispatcher) -> None:
    """Nothing filled: Rasa answers the message (an FAQ question, say), then asks again."""
    form = ValidatePulseForm()
    question = asked("pulse_rating", intent="faq", text="mikä on karenssi")
    assert await form.extract_pulse_rating(dispatcher, question, {}) == {}
    assert await form.extract_pulse_rating(dispatcher, asked("pulse_rating", rating=9), {}) == {}
    # A button of another question is not this one's answer.
    assert await form.extract_pulse_outcome(dispatcher, asked("pulse_rating", rating=3), {}) == {}
    assert await form.extract_pulse_step(dispatcher, asked("pulse_outcome", outcome="no"), {}) == {}


async def test_drivers_are_picked_one_by_one_then_done(dispatcher: CollectingDispatcher) -> None:
    form = ValidatePulseForm()
    first = asked("pulse_went_well", driver="quick")
    value = await form.extract_pulse_went_well(dispatcher, first, DOMAIN)
    assert value == {"pulse_went_well": "quick"}
    assert await form.validate_pulse_went_well("quick", dispatcher, first, {}) == {
        "pulse_went_well": None,  # asked again, with what is picked
        "pulse_went_well_picks": ["quick"],
    }
    second = asked("pulse_went_well", driver="staff")
    second.slots["pulse_went_well_picks"] = ["quick"]
    assert await form.validate_pulse_went_well("staff", dispatcher, second, {}) == {
        "pulse_went_well": None,
        "pulse_went_well_picks": ["quick", "staff"],
    }
    done = asked("pulse_went_well", intent="pulse_done", text="/pulse_done")
    done.slots["pulse_went_well_picks"] = ["quick", "staff"]
    assert await form.extract_pulse_went_well(dispatcher, done, DOMAIN) == {
        "pulse_went_well": "done"
    }
    assert await form.validate_pulse_went_well("done", dispatcher, done, {}) == {
        "pulse_went_well": ["quick", "staff"],
        "pulse_went_well_picks": ["quick", "staff"],
        "pulse_went_well_text": "-",
    }


async def test_done_typed(dispatcher: CollectingDispatcher) -> None:
    form = ValidatePulseForm()
    for intent, text in (("panel_done", "valmis"), ("nlu_fallback", "Valmis")):
        typed = asked("pulse_went_well", intent=intent, text=text)
        assert await form.extract_pulse_went_well(dispatcher, typed, DOMAIN) == {
            "pulse_went_well": "done"
        }
    other = asked("pulse_went_well", intent="nlu_fallback", text="valmiiksi hyvä palvelu")
    assert await form.extract_pulse_went_well(dispatcher, other, DOMAIN) == {}


async def test_skipping_the_drivers(dispatcher: CollectingDispatcher) -> None:
    form = ValidatePulseForm()
    skip = asked("pulse_to_improve", intent="skip", text="/skip")
    assert await form.extract_pulse_to_improve(dispatcher, skip, DOMAIN) == {
        "pulse_to_improve": "done"
    }
    assert await form.validate_pulse_to_improve("done", dispatcher, skip, {}) == {
        "pulse_to_improve": [],
        "pulse_to_improve_picks": [],
        "pulse_to_improve_text": "-",
    }


async def test_free_text_at_the_drivers_question_answers_it(
    dispatcher: CollectingDispatcher,
) -> None:
    form = ValidatePulseForm()
    typed = asked("pulse_to_improve", intent="nlu_fallback", text="jonotin puhelimessa pitkään")
    typed.slots["pulse_to_improve_picks"] = ["quick"]
    assert await form.extract_pulse_to_improve(dispatcher, typed, DOMAIN) == {}
    text = "jonotin puhelimessa pitkään"
    assert await form.validate_pulse_to_improve_text(text, dispatcher, typed, {}) == {
        "pulse_to_improve_text": text,
        "pulse_to_improve": ["quick"],
        "pulse_to_improve_picks": ["quick"],
    }


async def test_a_skip_is_no_free_text(dispatcher: CollectingDispatcher) -> None:
    form = ValidatePulseForm()
    skip = asked("pulse_went_well_text", intent="skip", text="ohita")
    assert await form.validate_pulse_went_well_text("ohita", dispatcher, skip, {}) == {
        "pulse_went_well_text": "-"
    }
    button = asked("pulse_went_well", intent="skip", text="/skip")
    assert await form.validate_pulse_went_well_text("/skip", dispatcher, button, {}) == {
        "pulse_went_well_text": "-"
    }


async def test_a_sentence_the_model_takes_for_a_skip_is_free_text(
    dispatcher: CollectingDispatcher,
) -> None:
    form = ValidatePulseForm()
    text = "en saanut vastausta kysymykseeni"
    unsure = make_tracker(
        slots={"requested_slot": "pulse_to_improve", "language": "fi"},
        intent="skip",
        confidence=0.7,
        text=text,
        active_loop="pulse_form",
    )
    assert await form.extract_pulse_to_improve(dispatcher, unsure, DOMAIN) == {}
    assert await form.validate_pulse_to_improve_text(text, dispatcher, unsure, {}) == {
        "pulse_to_improve_text": text,
        "pulse_to_improve": [],
        "pulse_to_improve_picks": [],
    }
    rating = make_tracker(
        slots={"requested_slot": "pulse_rating"}, intent="skip", confidence=0.7, text="hmm"
    )
    assert await form.extract_pulse_rating(dispatcher, rating, {}) == {}


async def test_the_drivers_question_leaves_out_what_is_picked(
    dispatcher: CollectingDispatcher,
) -> None:
    first = asked("pulse_went_well")
    await ActionAskWentWell().run(dispatcher, first, DOMAIN)
    [question] = dispatcher.messages
    assert "mikä onnistui?" in question["text"]
    assert [b["title"] for b in question["buttons"]][-2:] == ["Muu", "Ohita"]

    later = asked("pulse_to_improve")
    later.slots["pulse_to_improve_picks"] = ["quick", "staff"]
    await ActionAskToImprove().run(dispatcher, later, DOMAIN)
    picked = dispatcher.messages[-1]
    assert picked["text"].startswith("Valittu: Nopeus, Henkilöstö.")
    titles = [b["title"] for b in picked["buttons"]]
    assert "Nopeus" not in titles and "Henkilöstö" not in titles
    assert titles[-1] == "Valmis" and "Ohita" not in titles


# --- The answer ----------------------------------------------------------------------------------


def finished(**answers: Any) -> Tracker:
    tracker = conversation("pulse_answer", sender=TELEGRAM)
    tracker.slots.update(
        {"pulse_offer_kind": "after_meeting", "pulse_step": "initial_interview", **answers}
    )
    return tracker


async def test_the_answer_is_stored_once_without_the_conversation(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = finished(
        pulse_outcome="partly",
        pulse_rating=4,
        pulse_went_well=["staff"],
        pulse_went_well_picks=["staff"],
        pulse_went_well_text="-",
        pulse_to_improve_picks=["quick"],
        pulse_to_improve_text="jonotin pitkään",
    )
    events = await ActionSubmitPulse().run(dispatcher, tracker, DOMAIN)
    assert api.pulse_answers == [
        {
            "offer_kind": "after_meeting",
            "step": "initial_interview",
            "channel": "telegram",
            "language": "fi",
            "outcome": "partly",
            "rating": 4,
            "went_well": ["staff"],
            "to_improve": ["quick"],
            "went_well_text": None,
            "to_improve_text": "jonotin pitkään",
        }
    ]
    assert TELEGRAM not in str(api.pulse_answers)
    assert responses(dispatcher) == ["utter_pulse_thanks"]
    done = slots(events)
    assert (done.pop("pulse_answered"), done.pop("pulse_stage")) == (True, "stop")
    # The survey's slots are emptied; "offered" stays for the rest of the conversation.
    kept = ("pulse_offered", "pulse_answered", "pulse_stage")
    assert done == {slot: None for slot in CONVERSATION_SLOTS if slot not in kept}


async def test_stopping_early_stores_what_was_answered(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    # Stopped while picking what went well: the picks so far count.
    tracker = finished(pulse_outcome="yes", pulse_rating="-", pulse_went_well_picks=["quick"])
    await ActionSubmitPulse().run(dispatcher, tracker, DOMAIN)
    [answer] = api.pulse_answers
    assert (answer["outcome"], answer["rating"], answer["went_well"]) == ("yes", None, ["quick"])
    assert answer["to_improve"] == [] and answer["to_improve_text"] is None


async def test_nothing_answered_stores_nothing(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    events = await ActionSubmitPulse().run(dispatcher, finished(pulse_outcome="-"), DOMAIN)
    assert api.pulse_answers == []
    assert responses(dispatcher) == ["utter_pulse_nothing_stored"]
    assert "pulse_answered" not in slots(events)


async def test_no_survey_open_says_nothing(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = finished(pulse_outcome="yes")
    tracker.slots["pulse_offer_kind"] = None
    await ActionSubmitPulse().run(dispatcher, tracker, DOMAIN)
    assert (api.pulse_answers, dispatcher.messages) == ([], [])


async def test_an_answer_the_api_cannot_take_yet_waits_for_it(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    api.down = True
    events = await ActionSubmitPulse().run(dispatcher, finished(pulse_rating=5), DOMAIN)
    assert responses(dispatcher) == ["utter_pulse_thanks", "utter_write_queued"]
    assert slots(events)["pulse_answered"] is True
    assert api.queued == [routes.PULSE_SUBMIT]


async def test_an_answer_the_api_did_not_take(
    dispatcher: CollectingDispatcher, api: RecordingApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def refused(*args: Any) -> ApiReply:
        return ApiReply(422, {"detail": "bad"})

    monkeypatch.setattr(api, "submit_pulse", refused)
    events = await ActionSubmitPulse().run(dispatcher, finished(pulse_rating=5), DOMAIN)
    assert responses(dispatcher) == ["utter_pulse_not_saved"]
    assert "pulse_answered" not in slots(events)


async def test_each_answer_is_kept_so_that_two_taps_count(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    survey = {
        "pulse_offer_kind": "end_of_conversation",
        "pulse_step": "assistant",
        "pulse_outcome": "yes",
        "requested_slot": "pulse_rating",
    }
    tracker = conversation(
        "pulse_answer",
        sender=TELEGRAM,
        slots=survey,
        entities=[entity("rating", "4")],
        active_loop="pulse_form",
        text='/pulse_answer{"rating": 4}',
    )
    events = await ValidatePulseForm().run(dispatcher, tracker, DOMAIN)
    assert slots(events)["pulse_rating"] == 4
    kept = api.pulse_pending[TELEGRAM]
    assert (kept["outcome"], kept["rating"], kept["step"]) == ("yes", 4, "assistant")
    assert api.pulse_answers == []  # stored only at the end (or when the API's timeout ends it)

    # The same answers again (a message that answers nothing): nothing is sent.
    api.pulse_pending.clear()
    tracker.slots["pulse_rating"] = 4
    tracker.slots["requested_slot"] = "pulse_went_well"
    tracker.latest_message["entities"] = []
    await ValidatePulseForm().run(dispatcher, tracker, DOMAIN)
    assert api.pulse_pending == {}


async def test_the_end_keeps_nothing_back(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    api.pulse_pending[TELEGRAM] = {"rating": 4}
    await ActionSubmitPulse().run(dispatcher, finished(pulse_outcome="yes", pulse_rating=4), DOMAIN)
    assert api.pulse_pending == {}
    assert [a["rating"] for a in api.pulse_answers] == [4]
