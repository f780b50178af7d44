"""The pulse survey in the chat: when it is offered, its questions, and its one answer.

The API decides whether an offer may be made (the weekly limit of the unasked kinds, the
invitation after a held meeting and its service step) and stores the answer anonymously,
redacted; these actions only read the slots, call the API and return events. "Never twice
in one conversation" is the dialogue's: the slots `pulse_offered` and `pulse_answered`, which
a new session does not carry over.
"""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.api_client import get_api_client
from actions.faq import reply_language
from actions.meeting_display import SKIPPED
from actions.meeting_preparation_form import MIN_SKIP_CONFIDENCE
from actions.queued import tell_queued
from actions.responses import in_language
from vocabulary.channels import channel_of
from vocabulary.languages import Language
from vocabulary.service_steps import (
    DRIVERS,
    OFFER_KINDS,
    OUTCOMES,
    PULSE_TEXT_SLOTS,
    RATINGS,
    SERVICE_STEPS,
    OfferKind,
)

STAGE = "pulse_stage"
OFFER_KIND = "pulse_offer_kind"
OFFERED = "pulse_offered"
ANSWERED = "pulse_answered"
STEP = "pulse_step"
OUTCOME = "pulse_outcome"
RATING = "pulse_rating"
WENT_WELL = "pulse_went_well"
TO_IMPROVE = "pulse_to_improve"
DRIVER_QUESTIONS = (WENT_WELL, TO_IMPROVE)
PICKS = {WENT_WELL: "pulse_went_well_picks", TO_IMPROVE: "pulse_to_improve_picks"}
TEXTS = dict(zip(DRIVER_QUESTIONS, PULSE_TEXT_SLOTS, strict=True))
ANSWER_SLOTS = (STEP, OUTCOME, RATING, *DRIVER_QUESTIONS, *PICKS.values(), *TEXTS.values())
# One conversation's survey: a new session starts without them.
CONVERSATION_SLOTS = (STAGE, OFFER_KIND, OFFERED, ANSWERED, *ANSWER_SLOTS)

# A conversation is worth asking about at its end (goodbye, thanks) after this many messages
# of the client before it; and, so that failures come out, after this many fallbacks or
# out-of-scope answers, however short it was.
MIN_TURNS = 3
REPEATED_FAILURES = 2
CLOSING_INTENTS = ("goodbye", "thank")
FAILED_INTENTS = ("nlu_fallback", "out_of_scope")
INTROS: dict[OfferKind, str] = {
    "after_meeting": "utter_pulse_intro_after_meeting",
    "end_of_conversation": "utter_pulse_intro_end_of_conversation",
    "on_request": "utter_pulse_intro_on_request",
}
FAILURES_INTRO = "utter_pulse_intro_fallbacks"
ASSISTANT_STEP = "assistant"  # the step an end-of-conversation answer is about
PULSE_PAYLOAD = "/pulse_answer"
DONE_PAYLOAD = "/pulse_done"
SKIP_PAYLOAD = "/skip"
DONE = "done"  # the drivers' question answered with done (or skip)
# Done picking: the button's intent, and the one "valmis" typed is trained as (the panel's
# several-choice questions say the same).
DONE_INTENTS = ("pulse_done", "panel_done")
RATING_TYPED = re.compile(r"\s*([1-5])\b")


def entity(tracker: Tracker, name: str) -> Any:
    return next(tracker.get_latest_entity_values(name), None)


def latest_intent(tracker: Tracker) -> str | None:
    name = (tracker.latest_message.get("intent") or {}).get("name")
    return str(name) if name else None


def skipped(tracker: Tracker) -> bool:
    """The skip button, or "ohita" typed: a sentence the model is unsure of is an answer."""
    intent = tracker.latest_message.get("intent") or {}
    confidence = float(intent.get("confidence") or 0.0)
    return intent.get("name") == "skip" and confidence >= MIN_SKIP_CONFIDENCE


def payload_entities(payload: str) -> dict[str, Any]:
    """`/pulse_answer{"driver": "quick"}` -> {"driver": "quick"}."""
    _, brace, rest = payload.partition("{")
    if not brace:
        return {}
    value = json.loads(brace + rest)
    return value if isinstance(value, dict) else {}


def session_intents(tracker: Tracker) -> list[str]:
    """The intents of the client's messages since this conversation (session) started."""
    intents: list[str] = []
    for event in tracker.events:
        if event.get("event") == "session_started":
            intents = []
        elif event.get("event") == "user":
            intents.append(str(((event.get("parse_data") or {}).get("intent") or {}).get("name")))
    return intents


def end_of_conversation_intro(tracker: Tracker) -> str | None:
    """The intro of an end-of-conversation offer after this message, or None: not now."""
    intents = session_intents(tracker)
    current = latest_intent(tracker)
    failures = sum(i in FAILED_INTENTS for i in intents)
    if current in FAILED_INTENTS and failures >= REPEATED_FAILURES:
        return FAILURES_INTRO
    if current in CLOSING_INTENTS and len(intents) - 1 >= MIN_TURNS:
        return INTROS["end_of_conversation"]
    return None


def reset_answers() -> list[dict[str, Any]]:
    return [SlotSet(slot, None) for slot in ANSWER_SLOTS]


def offer_events(kind: OfferKind, step: str | None) -> list[dict[str, Any]]:
    """The slots of an offer made: what it is, its step when known, and that it was made."""
    return [
        *reset_answers(),
        SlotSet(OFFER_KIND, kind),
        SlotSet(STEP, step),
        SlotSet(OFFERED, True),
    ]


async def ask_api(
    tracker: Tracker, kind: OfferKind, language: Language | None = None
) -> tuple[bool | None, str | None]:
    """Whether the API lets the offer be made (None: it cannot be reached), and its step."""
    reply = await get_api_client().pulse_offer(
        tracker.sender_id,
        kind,
        channel_of(tracker.sender_id),
        language or reply_language(tracker),
    )
    if not reply.ok or reply.body is None:
        return (None if reply.status is None else False), None
    step = reply.body.get("step")
    return bool(reply.body["offered"]), (str(step) if step in SERVICE_STEPS else None)


async def offer_at_session_start(
    tracker: Tracker, domain: DomainDict, language: Language, metadata: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A web client's survey after a held meeting, when its next conversation starts: the
    messages (the intro and the first question, whose buttons go on with the survey) and the
    slots. Nothing for a push channel (the bridge sends the offer itself) or an invitation."""
    if channel_of(tracker.sender_id) != "web" or metadata.get("invite_code"):
        return [], []
    offered, step = await ask_api(tracker, "after_meeting", language)
    if not offered:
        return [], []
    question = in_language(domain, "utter_ask_pulse_outcome", language)
    # Only the answers: ignoring the offer is skipping it (outside the form, skip and stop
    # would mean something else).
    question["buttons"] = [
        b for b in question["buttons"] if str(b["payload"]).startswith(PULSE_PAYLOAD)
    ]
    messages = [in_language(domain, INTROS["after_meeting"], language), question]
    return messages, [*offer_events("after_meeting", step), SlotSet(STAGE, "stop")]


class ActionOfferPulse(Action):
    """Offers the survey, if the API allows: after the bridge's `/offer_pulse`, a request, or
    a closing or failing turn; or goes on with the offer made when the conversation started
    (a button of its first question)."""

    def name(self) -> str:
        return "action_offer_pulse"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        intent = latest_intent(tracker)
        if intent == "pulse_answer":
            return self._go_on(dispatcher, tracker)
        if tracker.active_loop_name:  # a turn inside a form (it goes on): not an offer
            return [SlotSet(STAGE, "form" if tracker.active_loop_name == "pulse_form" else "stop")]
        kind: OfferKind
        if intent == "offer_pulse":
            named = entity(tracker, "offer_kind")
            kind = next((k for k in OFFER_KINDS if k == named), "after_meeting")
            intro = INTROS[kind]
        elif intent == "give_feedback":
            kind, intro = "on_request", INTROS["on_request"]
        else:
            kind = "end_of_conversation"
            found = end_of_conversation_intro(tracker)
            if found is None:
                return [SlotSet(STAGE, "stop")]
            intro = found

        if tracker.get_slot(ANSWERED):
            if kind == "on_request":
                dispatcher.utter_message(response="utter_pulse_already_answered")
            return [SlotSet(STAGE, "stop")]
        if kind != "on_request" and tracker.get_slot(OFFERED):
            return [SlotSet(STAGE, "stop")]  # never twice in one conversation

        offered, step = await ask_api(tracker, kind)
        if not offered:
            if kind == "on_request":
                dispatcher.utter_message(response="utter_pulse_unavailable")
                return [SlotSet(STAGE, "stop")]
            # Refused (the weekly limit) or unreachable: not asked again in this conversation.
            return [SlotSet(OFFERED, True), SlotSet(STAGE, "stop")]
        dispatcher.utter_message(response=intro)
        if kind == "end_of_conversation":
            step = ASSISTANT_STEP
        return [*offer_events(kind, step), SlotSet(STAGE, "form")]

    @staticmethod
    def _go_on(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        if tracker.active_loop_name == "pulse_form":  # an old button of an earlier question
            return [SlotSet(STAGE, "form")]
        if tracker.get_slot(OFFER_KIND) is None or tracker.get_slot(ANSWERED):
            dispatcher.utter_message(response="utter_pulse_ended")
            return [SlotSet(STAGE, "stop")]
        outcome = entity(tracker, "outcome")
        return [
            SlotSet(OUTCOME, outcome if outcome in OUTCOMES else None),
            SlotSet(STAGE, "form"),
        ]


def answered(tracker: Tracker, slot: str, changes: dict[str, Any] | None = None) -> Any:
    """A question's answer, None when it was skipped or not reached; `changes`: slots set by
    events not yet applied to the tracker."""
    value = changes[slot] if changes is not None and slot in changes else tracker.get_slot(slot)
    return None if value in (None, SKIPPED, "") else value


def pulse_answer(tracker: Tracker, changes: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The survey's answer as the API takes it; None when nothing was answered."""
    rating = answered(tracker, RATING, changes)
    texts = {slot: answered(tracker, text, changes) for slot, text in TEXTS.items()}
    picks = {slot: list(answered(tracker, PICKS[slot], changes) or []) for slot in DRIVER_QUESTIONS}
    answer = {
        "outcome": answered(tracker, OUTCOME, changes),
        "rating": int(rating) if rating is not None else None,
        "went_well": picks[WENT_WELL],
        "to_improve": picks[TO_IMPROVE],
        "went_well_text": texts[WENT_WELL],
        "to_improve_text": texts[TO_IMPROVE],
    }
    step = answered(tracker, STEP, changes)
    if step is None or not any(answer.values()):
        return None
    return {
        "offer_kind": tracker.get_slot(OFFER_KIND),
        "step": step,
        "channel": channel_of(tracker.sender_id),
        "language": reply_language(tracker),
        **answer,
    }


def slot_changes(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e.get("value") for e in events if e.get("event") == "slot"}


class ActionSubmitPulse(Action):
    """The end of the survey (its last question, stop, or goodbye): the answer is stored in
    one call, with whatever was answered (and what the API kept of it so far is dropped);
    then the survey's slots are emptied."""

    def name(self) -> str:
        return "action_submit_pulse"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        done = [*reset_answers(), SlotSet(OFFER_KIND, None), SlotSet(STAGE, "stop")]
        if tracker.get_slot(OFFER_KIND) is None:
            return done
        answer = pulse_answer(tracker)
        if answer is None:
            dispatcher.utter_message(response="utter_pulse_nothing_stored")
            return done
        reply = await get_api_client().submit_pulse(tracker.sender_id, answer)
        if reply.queued:  # thanked as stored: it will be, once the API is back
            dispatcher.utter_message(response="utter_pulse_thanks")
            tell_queued(dispatcher, reply, always=True)
            return [*done, SlotSet(ANSWERED, True)]
        if not reply.ok:
            dispatcher.utter_message(response="utter_pulse_not_saved")
            return done
        dispatcher.utter_message(response="utter_pulse_thanks")
        return [*done, SlotSet(ANSWERED, True)]


def driver_buttons(
    domain: DomainDict, question: str, language: str, picked: list[str]
) -> tuple[list[dict[str, Any]], list[str]]:
    """The drivers not picked yet, then done (something is picked) or skip (nothing is); and
    the titles of the picked ones."""
    buttons = in_language(domain, f"utter_ask_{question}", language)["buttons"]
    titles: list[str] = []
    shown: list[dict[str, Any]] = []
    for button in buttons:
        payload = str(button["payload"])
        driver = payload_entities(payload).get("driver")
        if driver in picked:
            titles.append(str(button["title"]))
        elif payload == DONE_PAYLOAD:
            if picked:
                shown.append(button)
        elif payload == SKIP_PAYLOAD:
            if not picked:
                shown.append(button)
        else:
            shown.append(button)
    return shown, titles


class AskDrivers(Action, ABC):
    """Asks "what went well?" or "what should be better?": after a pick, what is picked."""

    question: str

    @abstractmethod
    def name(self) -> str: ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        picked = list(tracker.get_slot(PICKS[self.question]) or [])
        language = reply_language(tracker)
        buttons, titles = driver_buttons(domain, self.question, language, picked)
        if titles:
            joined = ", ".join(titles)
            text = in_language(domain, "utter_pulse_picked", language, pulse_picked=joined)
        else:
            text = in_language(domain, f"utter_ask_{self.question}", language)
        dispatcher.utter_message(text=text["text"], buttons=buttons)
        return []


class ActionAskWentWell(AskDrivers):
    question = WENT_WELL

    def name(self) -> str:
        return "action_ask_pulse_went_well"


class ActionAskToImprove(AskDrivers):
    question = TO_IMPROVE

    def name(self) -> str:
        return "action_ask_pulse_to_improve"


def requested(tracker: Tracker) -> str | None:
    slot = tracker.get_slot("requested_slot")
    return str(slot) if slot else None


class ValidatePulseForm(FormValidationAction):
    """Reads each answer from the message that answers it: a button's entity, a few typed
    answers (yes, a number, skip, done), or free text at the drivers' questions. Anything
    else fills nothing, so that Rasa answers it and then asks the question again."""

    def name(self) -> str:
        return "validate_pulse_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """Validates as the form does, then lets the API keep the answers so far: a client
        who stops after two taps (done, how well) has answered, and is counted."""
        before = pulse_answer(tracker)  # (the form's run updates the tracker's slots)
        events: list[dict[str, Any]] = await super().run(dispatcher, tracker, domain)
        if tracker.get_slot(OFFER_KIND) is None or tracker.get_slot(ANSWERED):
            return events
        now = pulse_answer(tracker, slot_changes(events))
        if now is not None and now != before:
            await get_api_client().keep_pulse_pending(tracker.sender_id, now)
        return events

    # Extraction: {} unless the message answers the question asked.
    async def extract_pulse_step(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        step = entity(tracker, "service_step")
        return {STEP: step} if requested(tracker) == STEP and step in SERVICE_STEPS else {}

    async def extract_pulse_outcome(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if requested(tracker) != OUTCOME:
            return {}
        outcome, intent = entity(tracker, "outcome"), latest_intent(tracker)
        if outcome in OUTCOMES:
            return {OUTCOME: outcome}
        if intent == "affirm":  # "kyllä", typed
            return {OUTCOME: "yes"}
        return {OUTCOME: SKIPPED} if skipped(tracker) else {}

    async def extract_pulse_rating(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if requested(tracker) != RATING:
            return {}
        rating = entity(tracker, "rating")
        typed = RATING_TYPED.match(str(tracker.latest_message.get("text") or ""))
        if rating is None and typed:
            rating = typed.group(1)
        if rating is not None and str(rating).isdigit() and int(rating) in RATINGS:
            return {RATING: int(rating)}
        return {RATING: SKIPPED} if skipped(tracker) else {}

    def _driver(self, slot: str, tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        if requested(tracker) != slot:
            return {}
        driver = entity(tracker, "driver")
        if driver in DRIVERS:
            return {slot: driver}
        if latest_intent(tracker) in DONE_INTENTS or skipped(tracker):
            return {slot: DONE}
        # The done button's title typed ("Valmis"), whatever the model made of it.
        typed = str(tracker.latest_message.get("text") or "").strip().casefold()
        titles = {
            str(b["title"]).casefold()
            for b in in_language(domain, f"utter_ask_{slot}", reply_language(tracker))["buttons"]
            if b["payload"] == DONE_PAYLOAD
        }
        return {slot: DONE} if typed in titles else {}

    async def extract_pulse_went_well(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._driver(WENT_WELL, tracker, domain)

    async def extract_pulse_to_improve(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._driver(TO_IMPROVE, tracker, domain)

    # Validation: the value to keep.
    async def validate_pulse_step(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {STEP: value if value in SERVICE_STEPS else None}

    async def validate_pulse_outcome(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {OUTCOME: value if value in (*OUTCOMES, SKIPPED) else None}

    async def validate_pulse_rating(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {RATING: value if value in (*RATINGS, SKIPPED) else None}

    def _picked(self, slot: str, value: Any, tracker: Tracker) -> dict[str, Any]:
        """A pick adds a driver and asks again; done (or skip) ends the question (its free
        text was not typed: typing ends it too)."""
        picks = list(tracker.get_slot(PICKS[slot]) or [])
        if value in DRIVERS:
            picks = picks if value in picks else [*picks, value]
            return {slot: None, PICKS[slot]: picks}
        if value == DONE or isinstance(value, list):
            return {slot: picks, PICKS[slot]: picks, TEXTS[slot]: SKIPPED}
        return {slot: None}

    async def validate_pulse_went_well(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._picked(WENT_WELL, value, tracker)

    async def validate_pulse_to_improve(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._picked(TO_IMPROVE, value, tracker)

    def _text(self, slot: str, value: Any, tracker: Tracker) -> dict[str, Any]:
        """Free text typed at the drivers' question (or its own) answers it, with the picks.
        A skip is no text (at the drivers' question its extraction ends the question too,
        whichever of the two is validated first)."""
        if requested(tracker) not in (slot, TEXTS[slot]):
            return {TEXTS[slot]: value}  # filled before
        if skipped(tracker):
            return {TEXTS[slot]: SKIPPED}
        text = str(value or "").strip()
        if not text or text.startswith("/"):  # an old button of another question
            return {TEXTS[slot]: None}
        picks = list(tracker.get_slot(PICKS[slot]) or [])
        return {TEXTS[slot]: text, slot: picks, PICKS[slot]: picks}

    async def validate_pulse_went_well_text(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._text(WENT_WELL, value, tracker)

    async def validate_pulse_to_improve_text(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._text(TO_IMPROVE, value, tracker)
