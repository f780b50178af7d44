"""Confirming the reply language. Which language it is (the `language` slot) is decided in
Rasa, after every message, by rasa_components.language_policy."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.api_client import get_api_client
from vocabulary.languages import LANGUAGES


def _entity(tracker: Tracker, name: str) -> str | None:
    value = next(tracker.get_latest_entity_values(name), None)
    return value if value in LANGUAGES else None


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
