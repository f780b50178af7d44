"""Policy: the conversation's reply language (the `language` slot), decided inside Rasa.

The channel's explicit choice (REST metadata.language) wins; then a request to switch ("på
svenska", a language button); otherwise the language stays what it was, and the language
rasa_components.language_detector detected is taken only while it is still unknown, because
short messages ("ok", "kela") are ambiguous.

This was the action server's action_validate_slot_mappings, called after every message: one
HTTP call with the whole tracker and the domain (about 150 kB of JSON written by Rasa and
read by the action server), for a decision that reads the latest message and one slot. A
policy sees the tracker in Rasa's process. It never predicts an action (every confidence is
0, and its priority is the lowest); the events of its prediction are applied whether it wins
or not, to the tracker the predicted action runs with (Rasa's `PolicyPrediction.events`), so
the turn's first reply is already in the new language, as it was with the slot mapping.
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from vocabulary.languages import LANGUAGES

LANGUAGE_SLOT = "language"
CHANGE_LANGUAGE_INTENT = "change_language"


def choose_language(
    current: str | None,
    metadata_language: str | None,
    intent: str | None,
    named: str | None,
    detected: str | None,
) -> str | None:
    """The conversation's language after this message (see the module's docstring)."""
    if metadata_language in LANGUAGES:
        return metadata_language
    if intent == CHANGE_LANGUAGE_INTENT and named is not None:
        return named
    if current is None:
        return detected
    return current


def _entity(tracker: DialogueStateTracker, name: str) -> str | None:
    value = next(tracker.get_latest_entity_values(name), None)
    return value if value in LANGUAGES else None


def decide_language(tracker: DialogueStateTracker) -> str | None:
    message = tracker.latest_message
    metadata = (message.metadata if message is not None else None) or {}
    intent = (message.intent if message is not None else None) or {}
    return choose_language(
        current=tracker.get_slot(LANGUAGE_SLOT),
        metadata_language=metadata.get("language"),
        intent=intent.get("name"),
        named=_entity(tracker, "language"),
        detected=_entity(tracker, "detected_language"),
    )


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class LanguagePolicy(Policy):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Below every other policy (RulePolicy: 6): it must never win a prediction.
        return {"priority": 0}

    def train(
        self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any
    ) -> Resource:
        # Nothing to learn; an empty file, so that the model has the resource Rasa expects.
        with self._model_storage.write_to(self._resource) as path:
            (path / "language_policy.json").write_text("{}")
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        language = decide_language(tracker)
        changed = language is not None and language != tracker.get_slot(LANGUAGE_SLOT)
        events = [SlotSet(LANGUAGE_SLOT, language)] if changed else []
        return self._prediction(self._default_predictions(domain), events=events)
