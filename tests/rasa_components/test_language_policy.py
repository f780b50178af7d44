import warnings
from pathlib import Path
from typing import Any

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_components.language_policy import LanguagePolicy, choose_language

# Rasa 3.6 warns about "slot auto-fill" for every domain with slots.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Slot auto-fill", UserWarning)
    DOMAIN = Domain.from_yaml(
        """
version: "3.1"
intents: [greet, change_language, faq]
entities: [language, detected_language]
slots:
  language:
    type: categorical
    values: [fi, sv, en]
    influence_conversation: false
    mappings: [{type: custom}]
responses:
  utter_greet: [{text: "Hei!"}]
"""
    )


@pytest.mark.parametrize(
    ("current", "metadata", "intent", "named", "detected", "expected"),
    [
        (None, None, "greet", None, "sv", "sv"),  # detected while unknown
        ("fi", None, "greet", None, "en", "fi"),  # kept once known
        ("fi", "en", "greet", None, "fi", "en"),  # the channel's choice wins
        ("fi", "de", "greet", None, None, "fi"),  # an unsupported choice is ignored
        ("fi", None, "change_language", "sv", "fi", "sv"),  # an explicit switch
        ("fi", None, "faq", "sv", "fi", "fi"),  # naming a language is not a switch
        (None, None, "greet", None, None, None),  # unknown stays unknown
    ],
)
def test_choose_language(
    current: str | None,
    metadata: str | None,
    intent: str,
    named: str | None,
    detected: str | None,
    expected: str | None,
) -> None:
    assert choose_language(current, metadata, intent, named, detected) == expected


def policy(tmp_path: Path) -> LanguagePolicy:
    made: LanguagePolicy = LanguagePolicy.create(
        LanguagePolicy.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("language_policy"),
        ExecutionContext(GraphSchema({}), node_name="test"),
    )
    return made


def entity(name: str, value: str) -> dict[str, Any]:
    return {"entity": name, "value": value, "start": 0, "end": 1}


def tracker(
    language: str | None,
    intent: str = "greet",
    entities: list[dict[str, Any]] | None = None,
    metadata: dict[str, Any] | None = None,
) -> DialogueStateTracker:
    events = [ActionExecuted("action_listen")]
    if language is not None:
        events.append(SlotSet("language", language))
    events.append(
        UserUttered("x", {"name": intent, "confidence": 1.0}, entities or [], metadata=metadata)
    )
    return DialogueStateTracker.from_events("someone", events, slots=DOMAIN.slots)


def test_a_switch_sets_the_slot_and_never_wins(tmp_path: Path) -> None:
    prediction = policy(tmp_path).predict_action_probabilities(
        tracker("fi", "change_language", [entity("language", "sv")]), DOMAIN
    )
    assert prediction.events == [SlotSet("language", "sv")]
    assert prediction.max_confidence == 0.0
    assert prediction.policy_priority == 0


def test_the_channel_language_and_detection_while_unknown(tmp_path: Path) -> None:
    found = policy(tmp_path).predict_action_probabilities
    assert found(tracker("fi", metadata={"language": "en"}), DOMAIN).events == [
        SlotSet("language", "en")
    ]
    detected = [entity("detected_language", "sv")]
    assert found(tracker(None, entities=detected), DOMAIN).events == [SlotSet("language", "sv")]


def test_nothing_when_the_language_stays(tmp_path: Path) -> None:
    found = policy(tmp_path).predict_action_probabilities
    # Known, so a detection does not change it; the same metadata again sets nothing.
    assert found(tracker("sv", entities=[entity("detected_language", "fi")]), DOMAIN).events == []
    assert found(tracker("en", metadata={"language": "en"}), DOMAIN).events == []
    assert found(tracker(None), DOMAIN).events == []


def test_it_trains_on_nothing(tmp_path: Path) -> None:
    trained = policy(tmp_path)
    assert trained.train([], DOMAIN) == Resource("language_policy")
