from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_components.nearest_example_gate import NearestExampleGate

ORIGIN = "sentence_embeddings"


def message(vector: list[float], intent: str | None = None, origin: str = ORIGIN) -> Message:
    data: dict[str, object] = {"text": "x"}
    if intent:
        data["intent"] = intent
    result = Message(data=data)
    result.add_features(Features(np.array([vector], np.float32), "sentence", "text", origin))
    return result


def classified(vector: list[float], intent: str = "faq") -> Message:
    result = message(vector)
    result.set("intent", {"name": intent, "confidence": 0.9})
    result.set("intent_ranking", [{"name": intent, "confidence": 0.9}])
    return result


def trained(tmp_path: Path) -> NearestExampleGate:
    storage = LocalModelStorage(tmp_path)
    config = {**NearestExampleGate.get_default_config(), "min_similarity": 0.9}
    context = ExecutionContext(GraphSchema({}), node_name="gate")
    gate = NearestExampleGate.create(config, storage, Resource("gate"), context)
    data = TrainingData(
        [
            message([2.0, 0.0, 0.0], "faq"),  # scaled: only the direction counts
            message([0.0, 1.0, 0.0], "greet"),
            message([0.0, 0.0, 1.0], "out_of_scope"),  # not in the domain
            message([1.0, 1.0, 1.0], "faq", origin="another_featurizer"),
        ]
    )
    resource = gate.train(data)
    return NearestExampleGate.load(config, storage, resource, context)


def test_a_message_like_an_in_domain_example_passes(tmp_path: Path) -> None:
    [passed] = trained(tmp_path).process([classified([1.0, 0.1, 0.0])])
    assert passed.get("intent")["name"] == "faq"
    assert passed.get("in_domain_similarity") == pytest.approx(0.995, abs=0.001)


def test_a_message_unlike_every_in_domain_example_falls_back(tmp_path: Path) -> None:
    [fell] = trained(tmp_path).process([classified([0.1, 0.0, 1.0])])
    assert fell.get("intent") == {"name": "nlu_fallback", "confidence": 0.9}
    assert [r["name"] for r in fell.get("intent_ranking")] == ["nlu_fallback", "faq"]


def test_out_of_scope_and_unclassified_messages_are_left_alone(tmp_path: Path) -> None:
    gate = trained(tmp_path)
    out, unclassified = gate.process(
        [classified([0.0, 0.0, 1.0], "out_of_scope"), message([1.0, 0, 0])]
    )
    assert out.get("intent")["name"] == "out_of_scope"
    assert unclassified.get("intent") is None


def test_training_without_embeddings_is_an_error(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), node_name="gate")
    config = NearestExampleGate.get_default_config()
    gate = NearestExampleGate.create(config, storage, Resource("gate"), context)
    with pytest.raises(ValueError, match="no sentence embeddings"):
        gate.train(TrainingData([Message(data={"text": "x", "intent": "faq"})]))
