"""NLU component: a message unlike every in-domain training example falls back.

A classifier must pick one of the intents it knows, and "what's the weather in Oulu" resembles
a FAQ question more than a greeting. The sentence embedding tells better: its cosine similarity
to the nearest in-domain training example (any intent but `out_of_scope`) is high for questions
about the service, also ones worded unlike any example, and low for everyday assistant requests.
Below `min_similarity` the message becomes `nlu_fallback`, with the classifier's ranking kept
after it; the similarity is in the parse data as `in_domain_similarity`. Placed after
FallbackClassifier; the threshold is tuned on CLINC150's oos_val only (`bench_nlu.py --tune`).
"""

from __future__ import annotations

from typing import Any, Self

import numpy as np
from numpy.typing import NDArray
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    FEATURE_TYPE_SENTENCE,
    INTENT,
    INTENT_RANKING_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

FALLBACK = "nlu_fallback"
OUT_OF_SCOPE = "out_of_scope"
SIMILARITY = "in_domain_similarity"


def embedding(message: Message, origin: str) -> NDArray[np.float32] | None:
    """The unit-length sentence embedding that the featurizer named `origin` added."""
    for feature in message.features:
        if (feature.origin, feature.type, feature.attribute) == (
            origin,
            FEATURE_TYPE_SENTENCE,
            TEXT,
        ):
            vector = np.asarray(feature.features, dtype=np.float32).ravel()
            norm = float(np.linalg.norm(vector))
            return vector / norm if norm else None
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class NearestExampleGate(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"featurizer": "sentence_embeddings", "min_similarity": 0.9}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        examples: NDArray[np.float32] | None = None,
    ) -> None:
        self.origin = str(config["featurizer"])
        self.threshold = float(config["min_similarity"])
        self.model_storage = model_storage
        self.resource = resource
        self.examples = examples

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Self:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> Self:
        try:
            with model_storage.read_from(resource) as directory:
                examples = np.load(directory / "examples.npy").astype(np.float32)
        except (ValueError, FileNotFoundError):
            examples = None
        return cls(config, model_storage, resource, examples)

    def train(self, training_data: TrainingData) -> Resource:
        vectors = [
            embedding(m, self.origin)
            for m in training_data.intent_examples
            if m.get(INTENT) != OUT_OF_SCOPE
        ]
        found = [v for v in vectors if v is not None]
        if not found:
            raise ValueError(f"no sentence embeddings from the featurizer {self.origin!r}")
        stored = np.unique(np.stack(found).astype(np.float16), axis=0)
        with self.model_storage.write_to(self.resource) as directory:
            # float16 halves the model's size; similarities move by less than 0.001.
            np.save(directory / "examples.npy", stored)
        self.examples = stored.astype(np.float32)
        return self.resource

    def nearest(self, message: Message) -> float | None:
        vector = embedding(message, self.origin)
        if vector is None or self.examples is None:
            return None
        return float((self.examples @ vector).max())

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            similarity = self.nearest(message)
            if similarity is None:
                continue
            message.set(SIMILARITY, round(similarity, 4), add_to_output=True)
            intent = (message.get(INTENT) or {}).get("name")
            if intent in (None, FALLBACK, OUT_OF_SCOPE) or similarity >= self.threshold:
                continue
            fallback = {"name": FALLBACK, "confidence": self.threshold}
            message.set(INTENT, fallback, add_to_output=True)
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r["name"] != FALLBACK]
            message.set(INTENT_RANKING_KEY, [fallback, *ranking], add_to_output=True)
        return messages
