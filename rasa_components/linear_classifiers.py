"""NLU components: the intent, and the topic of a FAQ question, by multinomial logistic
regression over each message's sentence-level features (word counts and the sentence
embedding, see sentence_embeddings.py). They replace DIETClassifier and ResponseSelector.

Why: with the sentence embedding, a linear model is as good a classifier as DIET without
transformer layers, and it is trained to convergence in seconds instead of minutes of epochs
(`make bench-nlu`, `make bench-train` in the README). Their output is DIET's and the
ResponseSelector's, so FallbackClassifier, FaqConfidenceGate and the actions read it as before;
confidences are the model's probabilities. The weights are stored as plain arrays (no pickle),
and prediction needs only numpy.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Self

import numpy as np
import scipy.sparse  # type: ignore[import-untyped]
from numpy.typing import NDArray
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RESPONSES_KEY,
    RESPONSE_SELECTOR_RETRIEVAL_INTENTS,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.linear_model import LogisticRegression

logger = logging.getLogger(__name__)

Matrix = NDArray[np.float32]


def sentence_features(message: Message) -> scipy.sparse.csr_matrix | None:
    """One row: the sparse sentence-level features of the text (counts, dampened and scaled
    to unit length, so that a long message does not weigh more) and then the dense ones."""
    _, sparse = message.get_sparse_features(TEXT)
    _, dense = message.get_dense_features(TEXT)
    parts = []
    if sparse is not None:
        counts = scipy.sparse.csr_matrix(sparse.features, dtype=np.float32)
        counts.data = np.log1p(counts.data)
        norm = float(np.sqrt(counts.multiply(counts).sum()))
        parts.append(counts / norm if norm else counts)
    if dense is not None:
        parts.append(scipy.sparse.csr_matrix(dense.features, dtype=np.float32))
    if not parts:
        return None
    return scipy.sparse.hstack(parts, format="csr")


class LinearModel:
    """Softmax over `features @ weights.T + bias`; the classes in the weights' row order."""

    def __init__(self, classes: list[str], weights: Matrix, bias: Matrix) -> None:
        self.classes = classes
        self.weights = weights
        self.bias = bias

    @classmethod
    def fit(
        cls, rows: list[scipy.sparse.csr_matrix], labels: list[str], config: dict[str, Any]
    ) -> LinearModel:
        """One-vs-rest logistic regression (liblinear): on these sparse rows several times
        faster than the multinomial solvers and as accurate on the held-out questions."""
        classes = sorted(set(labels))
        if len(classes) < 2:  # nothing to choose between: the one class, always
            width = rows[0].shape[1] if rows else 0
            zeros = np.zeros((len(classes), width), np.float32)
            return cls(classes, zeros, np.zeros(len(classes), np.float32))
        regression = LogisticRegression(
            C=float(config["C"]), solver="liblinear", max_iter=int(config["max_iter"])
        )
        regression.fit(scipy.sparse.vstack(rows, format="csr"), labels)
        weights, bias = regression.coef_, regression.intercept_
        if len(classes) == 2:  # one score s for the second class: the first one's is -s
            weights, bias = np.vstack([-weights, weights]), np.concatenate([-bias, bias])
        return cls(
            [str(c) for c in regression.classes_],
            weights.astype(np.float32),
            bias.astype(np.float32),
        )

    def probabilities(self, row: scipy.sparse.csr_matrix) -> Matrix:
        """Each class's own logistic probability, normalised to sum to 1 (as scikit-learn's
        one-vs-rest predict_proba)."""
        if len(self.classes) == 1:
            return np.ones(1, dtype=np.float32)
        if row.shape[1] != self.weights.shape[1]:
            raise ValueError(
                f"{row.shape[1]} features, but the model was trained on {self.weights.shape[1]}"
            )
        scores = np.asarray(row @ self.weights.T).ravel() + self.bias
        own = 1.0 / (1.0 + np.exp(-scores))
        result: Matrix = (own / own.sum()).astype(np.float32)
        return result

    def ranking(self, row: scipy.sparse.csr_matrix, length: int) -> list[tuple[str, float]]:
        probabilities = self.probabilities(row)
        order = np.argsort(-probabilities, kind="stable")[:length]
        return [(self.classes[i], float(probabilities[i])) for i in order]

    def persist(self, model_storage: ModelStorage, resource: Resource, **extra: Any) -> None:
        with model_storage.write_to(resource) as directory:
            np.savez(directory / "weights.npz", weights=self.weights, bias=self.bias)
            meta = {"classes": self.classes, **extra}
            (directory / "meta.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, model_storage: ModelStorage, resource: Resource) -> tuple[Self, dict[str, Any]]:
        with model_storage.read_from(resource) as directory:
            meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
            with np.load(directory / "weights.npz") as stored:
                model = cls(meta["classes"], stored["weights"], stored["bias"])
        return model, meta


class _LinearComponent(GraphComponent):
    """Shared by both classifiers: settings, training rows, persistence."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # C: inverse regularisation strength. 10 was the best of 1, 10 and 100 on the held-out
        # FAQ questions (so those figures are a little optimistic; 10 and 30 were equal).
        return {"C": 10.0, "max_iter": 1000, "ranking_length": 10}

    @staticmethod
    def required_packages() -> list[str]:
        return ["sklearn"]

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: LinearModel | None = None,
        meta: dict[str, Any] | None = None,
    ) -> None:
        self.config = config
        self.model_storage = model_storage
        self.resource = resource
        self.model = model
        self.meta = meta or {}

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
            model, meta = LinearModel.load(model_storage, resource)
        except (ValueError, FileNotFoundError):
            logger.warning("%s: no trained weights; it will predict nothing", cls.__name__)
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, model, meta)

    def _train(self, examples: list[tuple[Message, str]], **extra: Any) -> Resource:
        pairs = [(sentence_features(m), label) for m, label in examples]
        rows = [row for row, _ in pairs if row is not None]
        labels = [label for row, label in pairs if row is not None]
        if rows:
            self.model = LinearModel.fit(rows, labels, self.config)
            self.meta = extra
            self.model.persist(self.model_storage, self.resource, **extra)
        return self.resource

    def _ranking(self, message: Message) -> list[tuple[str, float]] | None:
        row = sentence_features(message)
        if self.model is None or row is None or not message.get(TEXT):
            return None
        return self.model.ranking(row, int(self.config["ranking_length"]))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearIntentClassifier(_LinearComponent, IntentClassifier):
    def train(self, training_data: TrainingData) -> Resource:
        examples = [(m, str(m.get(INTENT))) for m in training_data.intent_examples]
        return self._train(examples)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            ranking = self._ranking(message)
            if ranking is None:
                continue
            items = [{"name": name, PREDICTED_CONFIDENCE_KEY: p} for name, p in ranking]
            message.set(INTENT, items[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, items, add_to_output=True)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearResponseSelector(_LinearComponent):
    """The sub-intent (`faq/<topic>`) of a retrieval intent, as ResponseSelector reports it."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**_LinearComponent.get_default_config(), "retrieval_intent": "faq"}

    def train(self, training_data: TrainingData) -> Resource:
        intent = self.config["retrieval_intent"]
        examples = [
            (m, str(m.get(INTENT_RESPONSE_KEY)))
            for m in training_data.intent_examples
            if m.get(INTENT) == intent and m.get(INTENT_RESPONSE_KEY)
        ]
        responses = {
            key: value
            for key, value in training_data.responses.items()
            if key.startswith(f"utter_{intent}/")
        }
        return self._train(examples, responses=responses, retrieval_intents=[intent])

    def process(self, messages: list[Message]) -> list[Message]:
        intent = self.config["retrieval_intent"]
        for message in messages:
            ranking = self._ranking(message)
            if ranking is None:
                continue
            key, confidence = ranking[0]
            utter = f"utter_{key}"
            prediction = {
                RESPONSE_SELECTOR_PREDICTION_KEY: {
                    RESPONSE_SELECTOR_RESPONSES_KEY: self.meta.get("responses", {}).get(utter)
                    or [{TEXT: key}],
                    PREDICTED_CONFIDENCE_KEY: confidence,
                    INTENT_RESPONSE_KEY: key,
                    RESPONSE_SELECTOR_UTTER_ACTION_KEY: utter,
                },
                RESPONSE_SELECTOR_RANKING_KEY: [
                    {PREDICTED_CONFIDENCE_KEY: p, INTENT_RESPONSE_KEY: k} for k, p in ranking
                ],
            }
            selectors = dict(message.get(RESPONSE_SELECTOR_PROPERTY_NAME) or {})
            selectors[RESPONSE_SELECTOR_RETRIEVAL_INTENTS] = self.meta.get(
                "retrieval_intents", [intent]
            )
            selectors[intent] = prediction
            message.set(RESPONSE_SELECTOR_PROPERTY_NAME, selectors, add_to_output=True)
        return messages
