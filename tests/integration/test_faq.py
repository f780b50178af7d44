"""FAQ answers through the real REST channel: dated, sourced, with a way on."""

import uuid
from typing import Any

import httpx
import pytest

from tests.support.stack import FIXED_TODAY, Stack

pytestmark = pytest.mark.integration


def api_answer(stack: Stack, topic: str, language: str, on: str = FIXED_TODAY) -> dict[str, Any]:
    reply = httpx.get(
        f"{stack.api_url}/api/v1/faq/{topic}", params={"language": language, "on": on}
    )
    reply.raise_for_status()
    result: dict[str, Any] = reply.json()
    return result


def ask(stack: Stack, text: str, language: str, sender: str | None = None) -> dict[str, Any]:
    [reply] = stack.say(sender or f"faq-{uuid.uuid4().hex[:8]}", text, {"language": language})
    return reply


@pytest.mark.parametrize(
    ("language", "question", "topic", "source_label"),
    [
        ("fi", "Kuinka monta päivää on omavastuuaika?", "waiting_period", "Lähde:"),
        ("sv", "Hur lång är självrisktiden innan dagpenningen börjar?", "waiting_period", "Källa:"),
        ("en", "how many unpaid waiting days are there at the start", "waiting_period", "Source:"),
    ],
)
def test_answer_is_dated_sourced_and_in_the_language(
    stack: Stack, language: str, question: str, topic: str, source_label: str
) -> None:
    reply = ask(stack, question, language)
    expected = api_answer(stack, topic, language)
    assert reply["text"] == expected["text"]
    assert source_label in reply["text"]
    # The action makes the buttons from the API's topics: related ones, then the advisor.
    related = [
        {"title": t["title"], "payload": f'/faq_topic{{"faq_topic": "{t["topic"]}"}}'}
        for t in expected["related"]
    ]
    advisor = {"title": expected["advisor_prompt"], "payload": "/prepare_meeting"}
    assert reply["buttons"] == [*related, advisor]


def test_rule_in_force_on_the_day_is_answered(stack: Stack) -> None:
    """Before 1.3.2026 the first neglect gave a reminder; the stack's day is 15.2.2026."""
    reply = ask(stack, "Mitä seuraa jos laiminlyön työnhaun? Tuleeko karenssi?", "fi")
    assert reply["text"] == api_answer(stack, "sanctions", "fi")["text"]
    assert reply["text"] != api_answer(stack, "sanctions", "fi", on="2026-03-01")["text"]


def test_related_topic_button_answers_that_topic(stack: Stack) -> None:
    reply = ask(stack, '/faq_topic{"faq_topic": "appeal"}', "en")
    assert reply["text"] == api_answer(stack, "appeal", "en")["text"]


def test_follow_up_question_in_context(stack: Stack) -> None:
    sender = f"faq-{uuid.uuid4().hex[:8]}"
    first = ask(stack, "Montako työpaikkaa mun pitää hakea kuukaudessa?", "fi", sender)
    assert first["text"] == api_answer(stack, "job_search_obligation", "fi")["text"]
    follow_up = ask(stack, "entä jos olen osa-aikatyössä?", "fi", sender)
    assert follow_up["text"] == api_answer(stack, "part_time_work", "fi")["text"]
