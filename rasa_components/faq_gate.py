"""NLU component: a FAQ question whose topic the response selector is unsure of falls back.

DIET alone calls many out-of-domain messages `faq` with high confidence, because the FAQ is
by far the largest intent; the response selector's confidence in a topic separates them much
better. Placed after FallbackClassifier; the threshold is tuned with `make bench-nlu`.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.training_data.message import Message

from rasa_components.stateless import StatelessComponent

FALLBACK = "nlu_fallback"


def selector_confidence(message: Message, retrieval_intent: str) -> float:
    selector = (message.get("response_selector") or {}).get(retrieval_intent) or {}
    return float((selector.get("response") or {}).get("confidence") or 0.0)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class FaqConfidenceGate(StatelessComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"retrieval_intent": "faq", "min_topic_confidence": 0.2}

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        self.retrieval_intent = str(config["retrieval_intent"])
        self.threshold = float(config["min_topic_confidence"])

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get("intent") or {}
            if intent.get("name") != self.retrieval_intent:
                continue
            confidence = selector_confidence(message, self.retrieval_intent)
            if confidence >= self.threshold:
                continue
            fallback = {"name": FALLBACK, "confidence": self.threshold}
            message.set("intent", fallback, add_to_output=True)
            ranking = [r for r in message.get("intent_ranking") or [] if r["name"] != FALLBACK]
            message.set("intent_ranking", [fallback, *ranking], add_to_output=True)
        return messages
