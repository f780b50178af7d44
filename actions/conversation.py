"""Start of a conversation: record it (channel, language) through the API, offer a web client
the pulse survey of a meeting held since, and greet."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.api_client import get_api_client
from actions.pulse import CONVERSATION_SLOTS, offer_at_session_start
from vocabulary.languages import LANGUAGES, as_language


class ActionSessionStart(Action):
    """Rasa's session start, plus a record of the conversation and the channel's language."""

    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        metadata = tracker.get_slot("session_started_metadata") or {}
        language = metadata.get("language")
        language = language if language in LANGUAGES else tracker.get_slot("language")

        await get_api_client().record_conversation(
            tracker.sender_id, tracker.get_latest_input_channel(), language
        )
        events: list[dict[str, Any]] = [SessionStarted()]
        # Carry slots over to the new session, as Rasa's own action_session_start does, but
        # not the last conversation's survey: a new conversation may be asked again.
        events += [
            SlotSet(name, value)
            for name, value in tracker.current_slot_values().items()
            if value is not None
            and name != "session_started_metadata"
            and name not in CONVERSATION_SLOTS
        ]
        if language is not None:
            events.append(SlotSet("language", language))
        messages, offer = await offer_at_session_start(
            tracker, domain, as_language(language), metadata
        )
        for message in messages:
            dispatcher.utter_message(**message)
        events += offer
        events.append(ActionExecuted("action_listen"))
        return events


class ActionGreet(Action):
    """Greets in the conversation's language and records that language."""

    def name(self) -> str:
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        await get_api_client().record_conversation(
            tracker.sender_id, tracker.get_latest_input_channel(), tracker.get_slot("language")
        )
        dispatcher.utter_message(response="utter_greet")
        return []
