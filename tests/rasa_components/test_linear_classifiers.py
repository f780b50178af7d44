from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer,
)
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_components.linear_classifiers import (
    LinearIntentClassifier,
    LinearModel,
    LinearResponseSelector,
    sentence_features,
)

EXAMPLES = {
    "greet": ["moi", "hei", "hej", "hello", "hei vaan", "hej hej"],
    "faq/register": [
        "miten ilmoittaudun työnhakijaksi",
        "hur anmäler jag mig som arbetssökande",
        "how do I register as a jobseeker",
        "ilmoittaudun työttömäksi",
    ],
    "faq/appeal": [
        "miten valitan päätöksestä",
        "hur överklagar jag beslutet",
        "how do I appeal the decision",
        "valitus päätöksestä",
    ],
}


def messages(texts: list[str], intent: str | None = None) -> list[Message]:
    result = []
    for text in texts:
        data: dict[str, str] = {"text": text}
        if intent:
            data["intent"], _, _ = intent.partition("/")
            if "/" in intent:
                data["intent_response_key"] = intent
        result.append(Message(data=data))
    return result


@pytest.fixture
def storage(tmp_path: Path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


def context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), node_name="test")


def featurized(storage: LocalModelStorage) -> tuple[TrainingData, CountVectorsFeaturizer]:
    examples = [m for intent, texts in EXAMPLES.items() for m in messages(texts, intent)]
    responses = {"utter_faq/register": [{"text": "Ilmoittaudu."}]}
    data = TrainingData(examples, responses=responses)
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process_training_data(data)
    featurizer = CountVectorsFeaturizer.create(
        CountVectorsFeaturizer.get_default_config(), storage, Resource("cvf"), context()
    )
    featurizer.train(data)
    featurizer.process_training_data(data)
    return data, featurizer


def incoming(featurizer: CountVectorsFeaturizer, text: str) -> Message:
    [message] = messages([text])
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process([message])
    featurizer.process([message])
    return message


def test_the_intent_and_its_ranking_as_diet_gives_them(storage: LocalModelStorage) -> None:
    data, featurizer = featurized(storage)
    config = LinearIntentClassifier.get_default_config()
    classifier = LinearIntentClassifier.create(config, storage, Resource("intent"), context())
    resource = classifier.train(data)
    loaded = LinearIntentClassifier.load(config, storage, resource, context())

    [message] = loaded.process([incoming(featurizer, "miten ilmoittaudun")])
    intent = message.get("intent")
    assert intent["name"] == "faq"
    ranking = message.get("intent_ranking")
    assert [r["name"] for r in ranking][:1] == ["faq"] and len(ranking) == 2
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0, abs=1e-5)
    [greeting] = loaded.process([incoming(featurizer, "hej")])
    assert greeting.get("intent")["name"] == "greet"


def test_the_topic_as_the_response_selector_gives_it(storage: LocalModelStorage) -> None:
    data, featurizer = featurized(storage)
    config = LinearResponseSelector.get_default_config()
    selector = LinearResponseSelector.create(config, storage, Resource("topic"), context())
    resource = selector.train(data)
    loaded = LinearResponseSelector.load(config, storage, resource, context())

    [message] = loaded.process([incoming(featurizer, "miten ilmoittaudun työnhakijaksi")])
    output = message.get("response_selector")
    assert output["all_retrieval_intents"] == ["faq"]
    response = output["faq"]["response"]
    assert response["intent_response_key"] == "faq/register"
    assert response["utter_action"] == "utter_faq/register"
    assert response["responses"] == [{"text": "Ilmoittaudu."}]
    assert 0.5 < response["confidence"] <= 1.0
    keys = [r["intent_response_key"] for r in output["faq"]["ranking"]]
    assert keys == ["faq/register", "faq/appeal"]


def test_a_message_without_features_or_text_is_left_alone(storage: LocalModelStorage) -> None:
    data, _ = featurized(storage)
    config = LinearIntentClassifier.get_default_config()
    classifier = LinearIntentClassifier.create(config, storage, Resource("intent"), context())
    classifier.train(data)
    [message] = classifier.process(messages(["no features here"]))
    assert message.get("intent") is None
    assert sentence_features(message) is None


def test_untrained_components_load_and_predict_nothing(storage: LocalModelStorage) -> None:
    config = LinearResponseSelector.get_default_config()
    selector = LinearResponseSelector.load(config, storage, Resource("missing"), context())
    [message] = selector.process(messages(["x"]))
    assert message.get("response_selector") is None


def test_probabilities_are_normalised_one_vs_rest_and_the_width_is_checked() -> None:
    import scipy.sparse  # type: ignore[import-untyped]

    model = LinearModel(["a", "b"], np.array([[1, 0], [0, 1]], np.float32), np.zeros(2, np.float32))
    row = scipy.sparse.csr_matrix(np.array([[2.0, 0.0]]))
    probabilities = model.probabilities(row)
    own = 1 / (1 + np.exp(-2.0)), 0.5
    assert probabilities[0] == pytest.approx(own[0] / sum(own))
    [(name, confidence)] = model.ranking(row, 1)
    assert name == "a"
    assert confidence == pytest.approx(float(probabilities[0]))
    with pytest.raises(ValueError, match="trained on 2"):
        model.probabilities(scipy.sparse.csr_matrix(np.ones((1, 3))))
