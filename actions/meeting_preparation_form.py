"""The meeting preparation form: consent first, then six skippable questions. Each answer is
stored through the API, which redacts it; the slot then holds the redacted text. When the API
cannot take it, the answer waits in the write queue, the client is told so, and the form goes
on (the slot holds the answer, which the tracker store masks before storing it)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.api_client import get_api_client
from actions.faq import reply_language
from actions.meeting_display import SKIPPED
from actions.meeting_preparation import refusal_response
from actions.queued import tell_queued
from vocabulary.meetings import SECTIONS

# "Skip" typed in words is classified; the button sends /skip (confidence 1.0).
MIN_SKIP_CONFIDENCE = 0.8


def latest_intent(tracker: Tracker) -> tuple[str | None, float]:
    intent = tracker.latest_message.get("intent") or {}
    return intent.get("name"), float(intent.get("confidence") or 0.0)


def not_asked(slot: str, value: Any, tracker: Tracker) -> dict[str, Any] | None:
    """None when `value` answers the question just asked; else what to keep without storing.

    When the form (re)activates, Rasa validates the slots already filled (the answers the API
    returned when the client came back) and may offer the opening message itself as a
    candidate: neither is a new answer. The first is kept as it is, the second dropped.
    """
    if tracker.get_slot("requested_slot") == slot:
        return None
    return {slot: None if value == tracker.latest_message.get("text") else value}


class ValidateMeetingPreparationForm(FormValidationAction):
    def name(self) -> str:
        return "validate_meeting_preparation_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        # Without consent nothing more is asked (and nothing stored).
        if tracker.get_slot("preparation_consent") is False:
            return ["preparation_consent"]
        return domain_slots

    async def validate_preparation_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if (kept := not_asked("preparation_consent", value, tracker)) is not None:
            return kept
        intent, _ = latest_intent(tracker)
        if intent not in ("affirm", "deny"):
            dispatcher.utter_message(response="utter_preparation_consent_unclear")
            return {"preparation_consent": None}
        consent = intent == "affirm"
        reply = await get_api_client().set_consent(tracker.sender_id, consent)
        if reply.queued:
            tell_queued(dispatcher, reply)
            return {"preparation_consent": consent}
        if not reply.ok:
            dispatcher.utter_message(response=refusal_response(reply))
            return (
                self._closed(tracker) if reply.reason == "closed" else {"preparation_consent": None}
            )
        return {"preparation_consent": consent}

    async def _store(
        self, section: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        if (kept := not_asked(section, value, tracker)) is not None:
            return kept
        intent, confidence = latest_intent(tracker)
        text = str(value or "").strip()
        if intent == "skip" and confidence >= MIN_SKIP_CONFIDENCE:
            return {section: SKIPPED}
        if not text or text.startswith("/"):  # an old button of another step: ask again
            return {section: None}
        replace = tracker.get_slot("correcting_section") == section
        reply = await get_api_client().store_answer(
            tracker.sender_id, section, text, reply_language(tracker), replace
        )
        if reply.ok and reply.body is not None:
            return {section: reply.body["text"], "correcting_section": None}
        if reply.queued:
            tell_queued(dispatcher, reply)
            return {section: text, "correcting_section": None}
        dispatcher.utter_message(response=refusal_response(reply))
        if reply.reason == "closed":
            return self._closed(tracker, section)
        if reply.reason == "no_consent":
            return {section: None, "preparation_consent": None}
        return {section: None}  # the API is down: the question is asked again

    @staticmethod
    def _closed(tracker: Tracker, current: str | None = None) -> dict[str, Any]:
        """The meeting has started: fill what is open so that the form ends (the answer just
        given was not stored, so it is not kept either)."""
        filled: dict[str, Any] = {
            section: SKIPPED if section == current else tracker.get_slot(section) or SKIPPED
            for section in SECTIONS
        }
        return {**filled, "preparation_consent": tracker.get_slot("preparation_consent") or False}

    async def validate_situation(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return await self._store("situation", value, dispatcher, tracker)

    async def validate_topics(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return await self._store("topics", value, dispatcher, tracker)

    async def validate_goals(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return await self._store("goals", value, dispatcher, tracker)

    async def validate_concerns(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return await self._store("concerns", value, dispatcher, tracker)

    async def validate_proposals(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return await self._store("proposals", value, dispatcher, tracker)

    async def validate_questions(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return await self._store("questions", value, dispatcher, tracker)
