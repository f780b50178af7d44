"""Meeting preparation outside the form: open it (invite code or "prepare a meeting"), read
the answers back, confirm, correct one answer, delete. The API holds the state and redacts."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.api_client import ApiReply, get_api_client
from actions.faq import reply_language
from actions.meeting_display import SKIPPED, joined, meeting_time, read_back
from actions.queued import REQUEST_SAVED, tell_queued, writes_waiting
from actions.responses import in_language
from vocabulary.meetings import SECTIONS

STAGE = "preparation_stage"
RETENTION_SLOT = "answer_retention_days"
# The API's reasons for refusing an invite code, and what the client is told.
CODE_REFUSALS = {
    "invalid": "utter_preparation_code_invalid",
    "expired": "utter_preparation_code_expired",
    "used": "utter_preparation_code_used",
    "rate_limited": "utter_preparation_code_rate_limited",
    "closed": "utter_preparation_closed",
}


def refusal_response(reply: ApiReply) -> str:
    """What to say when the API could not be reached or turned the request down."""
    if reply.status is None:
        return "utter_preparation_unavailable"
    return CODE_REFUSALS.get(reply.reason or "", "utter_preparation_need_code")


def display_slots(meeting: dict[str, Any], language: str) -> list[dict[str, Any]]:
    """What the responses tell about a meeting: who, when, and how long the answers are kept
    (the API's setting: a period the client is told is never written into a text)."""
    return [
        SlotSet("meeting_advisor", meeting["advisor_name"]),
        SlotSet("meeting_time", meeting_time(meeting["starts_at"], language)),
        SlotSet(RETENTION_SLOT, meeting["answer_retention_days"]),
    ]


def meeting_slots(meeting: dict[str, Any], language: str) -> list[dict[str, Any]]:
    """The slots of an opened meeting: who and when, the consent and the answers so far, so
    that the form asks only what is still open (the client continues where they left off)."""
    answers = meeting.get("answers") or {}
    consent = meeting.get("consent")
    return [
        *display_slots(meeting, language),
        # A client who said no before is asked again: coming back means they may have changed
        # their mind.
        SlotSet("preparation_consent", True if consent else None),
        *(SlotSet(section, joined(answers.get(section) or [])) for section in SECTIONS),
        SlotSet("correcting_section", None),
    ]


class ActionOpenPreparation(Action):
    def name(self) -> str:
        return "action_open_preparation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        # Typed or from metadata (rasa_components.invite_code), or the metadata of a
        # "/start_preparation" payload (Telegram's deep link through the bridge).
        code = next(tracker.get_latest_entity_values("invite_code"), None) or (
            tracker.latest_message.get("metadata") or {}
        ).get("invite_code")
        api = get_api_client()
        key = tracker.sender_id
        reply = await (api.redeem_invite(key, str(code)) if code else api.client_meeting(key))
        if not reply.ok or reply.body is None:
            dispatcher.utter_message(response=refusal_response(reply))
            return [SlotSet(STAGE, "stop")]
        meeting = reply.body
        events: list[dict[str, Any]] = []
        language = tracker.get_slot("language")
        chosen_here = language is None
        if chosen_here:  # nothing chosen or detected yet: the advisor's choice
            language = meeting["language"]
            events.append(SlotSet("language", language))
        events += meeting_slots(meeting, language)

        def say(response: str, **values: Any) -> None:
            if chosen_here:  # Rasa would still render in the language before this action
                dispatcher.utter_message(**in_language(domain, response, language, **values))
            else:
                dispatcher.utter_message(response=response, **values)

        if not meeting.get("editable", False):
            say("utter_preparation_closed")
            return [*events, SlotSet(STAGE, "stop")]
        when = meeting_time(meeting["starts_at"], language)
        say("utter_preparation_intro", meeting_advisor=meeting["advisor_name"], meeting_time=when)
        return [*events, SlotSet(STAGE, "review" if meeting.get("confirmed") else "form")]


def slot_answers(tracker: Tracker) -> dict[str, Any]:
    """The answers as the slots hold them, in the shape of the API's meeting."""
    answers: dict[str, list[dict[str, str]]] = {}
    for section in SECTIONS:
        value = tracker.get_slot(section)
        answers[section] = [] if value in (None, SKIPPED, "") else [{"text": str(value)}]
    return {"answers": answers}


class ActionReviewPreparation(Action):
    """Reads the stored (redacted) answers back, with buttons to correct one or confirm.

    While some of the conversation's writes wait in the write queue, or the API cannot be
    reached, the answers are read back from the slots: they hold every answer the client
    gave (the API's redacted form of those it stored), so a queued answer still shows."""

    def name(self) -> str:
        return "action_review_preparation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        reply = await get_api_client().client_meeting(tracker.sender_id)
        consented = tracker.get_slot("preparation_consent") is True
        if consented and (reply.status is None or writes_waiting(tracker)):
            answers = read_back(slot_answers(tracker), reply_language(tracker))
            dispatcher.utter_message(response="utter_preparation_review", answers=answers)
            return [SlotSet(STAGE, "review")]
        if not reply.ok or reply.body is None:
            dispatcher.utter_message(response=refusal_response(reply))
            return [SlotSet(STAGE, "stop")]
        if not reply.body.get("consent"):
            dispatcher.utter_message(response="utter_preparation_no_consent")
            return [SlotSet(STAGE, "stop"), SlotSet("preparation_consent", None)]
        answers = read_back(reply.body, reply_language(tracker))
        dispatcher.utter_message(response="utter_preparation_review", answers=answers)
        return [SlotSet(STAGE, "review")]


class ActionConfirmPreparation(Action):
    def name(self) -> str:
        return "action_confirm_preparation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        reply = await get_api_client().confirm_preparation(tracker.sender_id)
        if reply.queued and tracker.get_slot("meeting_time"):
            when = tracker.get_slot("meeting_time")
            dispatcher.utter_message(response="utter_preparation_confirmed", meeting_time=when)
            tell_queued(dispatcher, reply, always=True)
        elif reply.queued:
            tell_queued(dispatcher, reply, always=True)
        elif not reply.ok or reply.body is None:
            dispatcher.utter_message(response=refusal_response(reply))
        else:
            when = meeting_time(reply.body["starts_at"], reply_language(tracker))
            dispatcher.utter_message(response="utter_preparation_confirmed", meeting_time=when)
        return [SlotSet(STAGE, "stop")]


class ActionCorrectSection(Action):
    """Empties one answer and hands over to the form, which asks it again and replaces it."""

    def name(self) -> str:
        return "action_correct_section"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        section = next(tracker.get_latest_entity_values("section"), None)
        reply = await get_api_client().client_meeting(tracker.sender_id)
        if not reply.ok or reply.body is None:
            dispatcher.utter_message(response=refusal_response(reply))
            return [SlotSet(STAGE, "stop")]
        if not reply.body.get("editable", False):
            dispatcher.utter_message(response="utter_preparation_closed")
            return [SlotSet(STAGE, "stop")]
        if section not in SECTIONS:  # typed rather than pressed: show the buttons again
            answers = read_back(reply.body, reply_language(tracker))
            dispatcher.utter_message(response="utter_preparation_review", answers=answers)
            return [SlotSet(STAGE, "stop")]
        return [
            # The form may ask for consent again first, which tells who and for how long.
            *display_slots(reply.body, reply_language(tracker)),
            SlotSet(section, None),
            SlotSet("correcting_section", section),
            SlotSet(STAGE, "form"),
        ]


class ActionDeletePreparation(Action):
    def name(self) -> str:
        return "action_delete_preparation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        # One call: the API withdraws the consent and deletes the answers together, so nothing
        # new is stored until the client says yes again.
        reply = await get_api_client().delete_preparation(tracker.sender_id)
        if reply.queued:  # done once the API has it: no consent, no answers from now on
            tell_queued(dispatcher, reply, REQUEST_SAVED, always=True)
            return [
                SlotSet("preparation_consent", None),
                *(SlotSet(section, None) for section in SECTIONS),
                SlotSet("correcting_section", None),
                SlotSet(STAGE, "stop"),
            ]
        if reply.status == 404:
            dispatcher.utter_message(response="utter_preparation_nothing_to_delete")
            return []
        if not reply.ok or reply.body is None:
            dispatcher.utter_message(response=refusal_response(reply))
            return []
        dispatcher.utter_message(response="utter_preparation_deleted")
        # The meeting as it is now: no consent, no answers.
        return [*meeting_slots(reply.body, reply_language(tracker)), SlotSet(STAGE, "stop")]


class ActionAskPreparationConsent(Action):
    """The form's consent question. It tells who reads the answers and how many days they are
    kept; both come with the meeting, which is read here if the slots do not hold it yet."""

    def name(self) -> str:
        return "action_ask_preparation_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        if all(tracker.get_slot(s) is not None for s in ("meeting_advisor", RETENTION_SLOT)):
            dispatcher.utter_message(response="utter_ask_preparation_consent")
            return []
        reply = await get_api_client().client_meeting(tracker.sender_id)
        if not reply.ok or reply.body is None:
            dispatcher.utter_message(response=refusal_response(reply))
            return []
        events = display_slots(reply.body, reply_language(tracker))
        # Rasa fills the response from the slots as they were before this action's events.
        values = {event["name"]: event["value"] for event in events}
        dispatcher.utter_message(response="utter_ask_preparation_consent", **values)
        return events
