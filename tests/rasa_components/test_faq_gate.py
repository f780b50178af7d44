from typing import Any

from rasa.shared.nlu.training_data.message import Message

from rasa_components.faq_gate import FaqConfidenceGate


def parsed(intent: str, topic_confidence: float) -> Message:
    data: dict[str, Any] = {
        "text": "x",
        "intent": {"name": intent, "confidence": 0.97},
        "intent_ranking": [
            {"name": intent, "confidence": 0.97},
            {"name": "greet", "confidence": 0.03},
        ],
        "response_selector": {
            "faq": {
                "response": {"intent_response_key": "faq/appeal", "confidence": topic_confidence}
            }
        },
    }
    return Message(data=data)


def gate() -> FaqConfidenceGate:
    return FaqConfidenceGate({"retrieval_intent": "faq", "min_topic_confidence": 0.2})


def test_unsure_topic_falls_back_and_keeps_faq_as_runner_up() -> None:
    [message] = gate().process([parsed("faq", 0.12)])
    assert message.get("intent") == {"name": "nlu_fallback", "confidence": 0.2}
    assert [r["name"] for r in message.get("intent_ranking")] == ["nlu_fallback", "faq", "greet"]


def test_sure_topic_and_other_intents_pass() -> None:
    sure, other = gate().process([parsed("faq", 0.8), parsed("greet", 0.01)])
    assert sure.get("intent")["name"] == "faq"
    assert other.get("intent")["name"] == "greet"
