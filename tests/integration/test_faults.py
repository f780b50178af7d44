"""Parts of the real stack killed (SIGKILL, no clean-up) and started again in the middle of a
client's meeting preparation: the conversation goes on where it was, the client is told
plainly while a part is down, and what is stored is complete, each answer once. (The API
stopped mid-preparation: tests/integration/test_write_queue.py; here the API and then the
action server holding the queued answers are both killed.)"""

import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.support.replies import payloads, texts
from tests.support.stack import Stack
from tests.support.staff import create_user, login, new_meeting
from vocabulary.messages import parts_down_text

pytestmark = pytest.mark.integration

SITUATION = "Olen etsinyt töitä kolme kuukautta."
GOALS_QUESTION = "Mihin pyrit?"
GOAL = "haluaisin varastotöihin"


@pytest.fixture(scope="module")
def advisor(stack: Stack) -> Iterator[httpx.Client]:
    create_user(stack, "faults-advisor@example.test", "advisor", "Kaisa Katkos")
    client = login(stack, "faults-advisor@example.test")
    yield client
    client.close()


def open_and_answer_the_situation(stack: Stack, advisor: httpx.Client) -> tuple[str, str]:
    meeting = new_meeting(advisor, "fi")
    sender = f"faults-{uuid.uuid4().hex[:8]}"
    stack.say(sender, "moi", {"invite_code": meeting["invite_code"], "language": "fi"})
    stack.say(sender, "/affirm")
    stack.say(sender, SITUATION)
    return meeting["id"], sender


def finish(stack: Stack, sender: str) -> None:
    stack.say(sender, GOAL)
    stack.say(sender, "/skip")  # the worries
    stack.say(sender, "/skip")  # the proposals
    review = stack.say(sender, "/skip")  # the questions
    assert "/confirm_preparation" in payloads(review), review
    assert "Kiitos!" in texts(stack.say(sender, "/confirm_preparation"))


def stored_sections(advisor: httpx.Client, meeting_id: str) -> dict[str, Any]:
    reply = advisor.get(f"/api/v1/meetings/{meeting_id}/summary")
    assert reply.status_code == 200, reply.text
    summary = reply.json()
    assert summary["confirmed"] is True
    return {name: [a["text"] for a in items] for name, items in summary["sections"].items()}


def test_rasa_killed_mid_preparation_goes_on_where_it_was(
    stack: Stack, advisor: httpx.Client
) -> None:
    meeting_id, sender = open_and_answer_the_situation(stack, advisor)
    stack.kill("rasa")
    stack.restart("rasa")
    assert GOALS_QUESTION in texts(stack.say(sender, "Koulutus"))  # the topics' answer
    finish(stack, sender)
    sections = stored_sections(advisor, meeting_id)
    assert sections["situation"] == [SITUATION]
    assert sections["topics"] == ["Koulutus"]
    assert sections["goals"] == [GOAL]


def test_the_action_server_killed_the_client_is_told_and_goes_on_after_its_restart(
    stack: Stack, advisor: httpx.Client
) -> None:
    meeting_id, sender = open_and_answer_the_situation(stack, advisor)
    stack.kill("actions")
    try:
        told = stack.say(sender, "Koulutus")
        assert told[0]["text"] == parts_down_text("fi"), told
        assert "Mistä haluaisit puhua tapaamisessa?" in texts(told[1:])  # asked again
    finally:
        stack.restart("actions")
    assert GOALS_QUESTION in texts(stack.say(sender, "Koulutus"))  # sent again, as told
    finish(stack, sender)
    sections = stored_sections(advisor, meeting_id)
    assert sections["situation"] == [SITUATION]
    assert sections["topics"] == ["Koulutus"]  # once
    assert sections["goals"] == [GOAL]


def test_answers_queued_for_a_killed_api_survive_the_action_servers_crash(
    stack: Stack, advisor: httpx.Client
) -> None:
    meeting_id, sender = open_and_answer_the_situation(stack, advisor)
    stack.kill("api")
    try:
        saved = stack.say(sender, "Koulutus")
        assert "vastauksesi on tallessa" in texts(saved), saved  # queued, the client told
        assert GOALS_QUESTION in texts(saved)  # and the form goes on
        stack.kill("actions")  # the queue is only in its file now
        stack.restart("actions")
    finally:
        stack.restart("api")
    deadline = time.monotonic() + 30
    while not stack.rows(
        "SELECT id FROM meeting_answers WHERE meeting_id = ? AND section = 'topics'", meeting_id
    ):
        assert time.monotonic() < deadline, "the queued answer was not delivered"
        time.sleep(0.5)
    finish(stack, sender)
    sections = stored_sections(advisor, meeting_id)
    assert sections["situation"] == [SITUATION]
    assert sections["topics"] == ["Koulutus"]  # once
    assert sections["goals"] == [GOAL]
