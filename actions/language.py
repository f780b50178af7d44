"""The reply language: which one to use, and the actions that set and confirm it."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker, ValidationAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.api_client import get_api_client
from vocabulary.languages import LANGUAGES


def _entity(tracker: Tracker, name: str) -> str | None:
    value = next(tracker.get_latest_entity_values(name), None)
    return value if value in LANGUAGES else None


def choose_language(
    current: str | None,
    metadata_language: str | None,
    intent: str | None,
    named: str | None,
    detected: str | None,
) -> str | None:
    """The conversation's language after this message.

    The channel's explicit choice (REST metadata.language) wins; then a request to switch;
    otherwise the language stays what it was, and is detected only while it is still unknown,
    because short messages ("ok", "kela") are ambiguous.
    """
    if metadata_language in LANGUAGES:
        return metadata_language
    if intent == "change_language" and named is not None:
        return named
    if current is None:
        return detected
    return current


def decide_language(tracker: Tracker) -> str | None:
    metadata = tracker.latest_message.get("metadata") or {}
    return choose_language(
        current=tracker.get_slot("language"),
        metadata_language=metadata.get("language"),
        intent=(tracker.latest_message.get("intent") or {}).get("name"),
        named=_entity(tracker, "language"),
        detected=_entity(tracker, "detected_language"),
    )


class ValidateSlotMappings(ValidationAction):
    """Fills the custom-mapped `language` slot after every user message."""

    async def extract_language(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        language = decide_language(tracker)
        return {} if language == tracker.get_slot("language") else {"language": language}


class ActionChangeLanguage(Action):
    """Confirms a switch (the slot is already set) or asks which language the client wants."""

    def name(self) -> str:
        return "action_change_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        if _entity(tracker, "language") is None:
            dispatcher.utter_message(response="utter_choose_language")
            return []
        await get_api_client().record_conversation(
            tracker.sender_id, tracker.get_latest_input_channel(), tracker.get_slot("language")
        )
        dispatcher.utter_message(response="utter_language_changed")
        return []
