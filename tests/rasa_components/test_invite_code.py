from typing import Any

import pytest
from rasa.shared.nlu.training_data.message import Message

from rasa_components.invite_code import InviteCodeReader


def parsed(text: str, metadata: dict[str, Any] | None = None) -> Message:
    data: dict[str, Any] = {
        "text": text,
        "intent": {"name": "greet", "confidence": 0.9},
        "intent_ranking": [{"name": "greet", "confidence": 0.9}],
        "entities": [{"entity": "detected_language", "value": "fi"}],
    }
    if metadata is not None:
        data["metadata"] = metadata
    return Message(data=data)


def read(message: Message) -> tuple[str, list[str]]:
    [result] = InviteCodeReader({}).process([message])
    codes = [e["value"] for e in result.get("entities") if e["entity"] == "invite_code"]
    return result.get("intent")["name"], codes


def test_a_code_in_the_metadata_opens_the_preparation() -> None:
    message = parsed("moi", {"invite_code": "k7qm-4txd-9rwb-e", "language": "fi"})
    assert read(message) == ("start_preparation", ["k7qm-4txd-9rwb-e"])
    assert {"entity": "detected_language", "value": "fi"} in message.get("entities")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("koodini on K7QM-4TXD-9RWB-E", "K7QM-4TXD-9RWB-E"),
        ("k7qm 4txd 9rwb e", "k7qm 4txd 9rwb e"),
        ("K7QM4TXD9RWBE.", "K7QM4TXD9RWBE"),
        ("ABCD-EFGH-JKMN-P", "ABCD-EFGH-JKMN-P"),
    ],
)
def test_a_typed_code_opens_the_preparation(text: str, code: str) -> None:
    assert read(parsed(text)) == ("start_preparation", [code])


@pytest.mark.parametrize(
    "text",
    [
        "test test test a",  # four words of the right lengths but no digit
        "soita 0401234567890",  # digits alone
        "ABCDEFGHJKMNP",  # letters alone
        "010190-123A",  # an identity-code shape
        "työttömyysturva",
        '/prepare_meeting{"x": "K7QM-4TXD-9RWB-E"}',  # a button says what it means itself
    ],
)
def test_other_text_is_left_alone(text: str) -> None:
    assert read(parsed(text)) == ("greet", [])
