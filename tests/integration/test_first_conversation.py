"""A first conversation in Finnish, Swedish and English through the real REST channel."""

import uuid

import httpx
import pytest

from tests.support.stack import SERVICE_TOKEN, Stack

pytestmark = pytest.mark.integration

MENU_PAYLOADS = ["/service_info", "/prepare_meeting", "/give_feedback", "/join_panel"]
GREETING_WORDS = {"fi": "Kerron", "sv": "Jag berättar", "en": "I explain"}
OUT_OF_SCOPE_WORDS = {"fi": "en osaa auttaa", "sv": "kan jag inte hjälpa", "en": "can't help"}


def new_sender() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


def recorded(stack: Stack, sender: str) -> dict[str, str]:
    reply = httpx.get(
        f"{stack.api_url}/api/v1/conversations/{sender}",
        headers={"Authorization": f"Bearer {SERVICE_TOKEN}"},
    )
    reply.raise_for_status()
    result: dict[str, str] = reply.json()
    return result


@pytest.mark.parametrize(
    ("language", "greeting"),
    [("fi", "Hei, huomenta!"), ("sv", "Hej, god morgon!"), ("en", "Hello, good morning!")],
)
def test_greeting_is_answered_in_the_same_language_with_the_menu(
    stack: Stack, language: str, greeting: str
) -> None:
    sender = new_sender()
    [reply] = stack.say(sender, greeting)
    assert GREETING_WORDS[language] in reply["text"]
    assert [b["payload"] for b in reply["buttons"]] == MENU_PAYLOADS
    assert recorded(stack, sender)["language"] == language


def test_metadata_language_wins_over_detection(stack: Stack) -> None:
    sender = new_sender()
    [reply] = stack.say(sender, "moi", metadata={"language": "en"})
    assert GREETING_WORDS["en"] in reply["text"]
    assert recorded(stack, sender) | {"channel": "rest", "language": "en"} == recorded(
        stack, sender
    )


def test_client_can_switch_language_and_it_is_kept(stack: Stack) -> None:
    sender = new_sender()
    stack.say(sender, "Hei!")
    [switched] = stack.say(sender, "på svenska tack")
    assert "svenska" in switched["text"]
    # A short, ambiguous message later does not switch the language back.
    [thanks] = stack.say(sender, "kiitos")
    assert "Varsågod" in thanks["text"]
    assert recorded(stack, sender)["language"] == "sv"


def test_language_button_payload_switches(stack: Stack) -> None:
    sender = new_sender()
    stack.say(sender, "Hello!")
    [reply] = stack.say(sender, '/change_language{"language": "fi"}')
    assert "suomeksi" in reply["text"]


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("fi", "Mikä on Ruotsin pääkaupunki?"),
        ("sv", "Vad blir vädret i morgon i Vasa?"),
        ("en", "Can you recommend a good pizza recipe?"),
    ],
)
def test_out_of_domain_gets_an_honest_answer_and_the_menu(
    stack: Stack, language: str, question: str
) -> None:
    [reply] = stack.say(new_sender(), question, metadata={"language": language})
    assert OUT_OF_SCOPE_WORDS[language] in reply["text"]
    assert [b["payload"] for b in reply["buttons"]] == MENU_PAYLOADS


def test_api_health_sees_database_and_rasa(stack: Stack) -> None:
    assert httpx.get(f"{stack.api_url}/health").json() == {
        "status": "ok",
        "database": "ok",
        "rasa": "ok",
    }
