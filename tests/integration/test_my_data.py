"""The client's own data end to end, through the real REST channel: prepare a meeting, ask
what is stored, download the copy once, delete it all, and find the conversation's log gone
from Rasa's tracker store and the answers gone from the advisor's summary."""

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from typing import Any

import httpx
import pytest

from tests.support.replies import payloads, texts
from tests.support.stack import RASA_TOKEN, Stack
from tests.support.staff import create_user, login, new_meeting
from tests.support.telegram import press, running_bridge, wait_for_text

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def advisor(stack: Stack) -> Iterator[httpx.Client]:
    create_user(stack, "maija@example.test", "advisor", "Maija Meikäläinen")
    client = login(stack, "maija@example.test")
    yield client
    client.close()


def tracker_events(stack: Stack, sender: str) -> list[dict[str, Any]]:
    reply = httpx.get(
        f"{stack.rasa_url}/conversations/{sender}/tracker", params={"token": RASA_TOKEN}
    )
    reply.raise_for_status()
    events: list[dict[str, Any]] = reply.json()["events"]
    return events


def test_prepare_ask_copy_once_delete_and_the_log_is_gone(
    stack: Stack, advisor: httpx.Client
) -> None:
    meeting = new_meeting(advisor, "en")
    sender = f"mine-{uuid.uuid4().hex[:8]}"
    stack.say(sender, "hi", {"invite_code": meeting["invite_code"], "language": "en"})
    stack.say(sender, "/affirm")
    stack.say(sender, "I have been looking for work in catering since spring")
    # Asked in the middle of the questions: answered, not stored as the answer.
    listed = stack.say(sender, "what do you know about me?")
    shown = texts(listed)
    assert "Meeting: Maija Meikäläinen" in shown, listed
    assert "Answers stored: 1" in shown
    retention = httpx.get(f"{stack.api_url}/api/v1/retention").json()
    assert f"{retention['answer_retention_days']} days after the meeting" in shown
    assert "/my_data_copy" in payloads(listed) and "/delete_my_data" in payloads(listed)
    asked_again = texts(listed).count("What would you like to talk about")
    assert asked_again == 1, listed
    summary = advisor.get(f"/api/v1/meetings/{meeting['id']}/summary").json()
    assert summary["sections"]["topics"] == []  # the question was not stored as an answer
    stack.say(sender, "/pause_preparation")

    copy = stack.say(sender, "give me a copy of my data")
    [url] = [w for w in texts(copy).split() if "/api/v1/my-data/" in w and "?" not in w]
    assert url.startswith(stack.api_url)
    assert f"{url}?format=txt" in texts(copy) and "works once, for 10 minutes" in texts(copy)
    first = httpx.get(url)
    assert first.status_code == 200
    data = first.json()
    assert data["meetings"][0]["advisor_name"] == "Maija Meikäläinen"
    assert [a["section"] for a in data["meetings"][0]["answers"]] == ["situation"]
    assert httpx.get(url).status_code == 410  # once only
    assert httpx.get(f"{url}?format=txt").status_code == 410

    asked = stack.say(sender, "delete my data")
    assert "This cannot be undone" in texts(asked)
    assert "/erase_my_data" in payloads(asked)
    before = tracker_events(stack, sender)
    assert any(e["event"] == "user" for e in before)
    done = stack.say(sender, "/erase_my_data")
    assert "I have deleted your data" in texts(done)
    assert "cannot be linked to you" in texts(done)

    after = tracker_events(stack, sender)
    assert not [e for e in after if e["event"] == "user"], after
    kept = json.dumps(after, ensure_ascii=False)
    assert "catering" not in kept and "what do you know" not in kept
    summary = advisor.get(f"/api/v1/meetings/{meeting['id']}/summary").json()
    assert all(items == [] for items in summary["sections"].values())
    assert stack.rows("SELECT * FROM meeting_answers WHERE meeting_id = ?", meeting["id"]) == []
    # The conversation goes on, in its language, with nothing stored about it.
    again = stack.say(sender, "what do you know about me?")
    assert "No meeting answers and no panel membership" in texts(again), again


@pytest.mark.parametrize(
    ("language", "question", "told"),
    [
        ("fi", "mitä tiedät minusta", "Tämän olen tallentanut sinusta"),
        ("sv", "vad vet du om mig", "Det här har jag sparat om dig"),
        ("en", "What do you know about me?", "This is what I have stored about you"),
    ],
)
def test_the_question_in_each_language(
    stack: Stack, language: str, question: str, told: str
) -> None:
    """Not the "did you mean" of three FAQ topics: what is stored, with the log's period."""
    sender = f"mine-{uuid.uuid4().hex[:8]}"
    reply = stack.say(sender, question, {"language": language})
    assert told in texts(reply), reply
    assert "30" in texts(reply)  # CONVERSATION_RETENTION's default


def test_telegram_mydata_gives_the_text_and_delete_forgets_the_chat(
    stack: Stack, advisor: httpx.Client
) -> None:
    chat = 7301
    meeting = new_meeting(advisor, "fi")
    with running_bridge(stack) as telegram:
        telegram.send_text(chat, f"/start {meeting['invite_code'].replace('-', '')}")
        wait_for_text(telegram, chat, "Saanko tallentaa")
        press(telegram, chat, "Kyllä, saat")
        wait_for_text(telegram, chat, "Millainen tilanteesi on nyt?")
        telegram.send_text(chat, "etsin töitä ravintola-alalta")
        wait_for_text(telegram, chat, "Mistä haluaisit puhua")
        seen = len(telegram.texts_to(chat))
        telegram.send_text(chat, "/mydata")
        wait_for_text(telegram, chat, "Tämän olen tallentanut sinusta", after=seen)
        # The form asks its question again after the answer; the list's buttons still work.
        [listed] = [
            m for m in telegram.messages_to(chat) if "Tämän olen tallentanut" in m.get("text", "")
        ]
        press(telegram, chat, "Anna kopio", listed)
        copy = wait_for_text(telegram, chat, "Tiedot, jotka Kohtaamo on tallentanut sinusta")
        assert "Tilanne: etsin töitä ravintola-alalta" in copy
        assert "Maija Meikäläinen" in copy
        telegram.send_text(chat, "/delete")
        wait_for_text(telegram, chat, "Poistoa ei voi perua")
        [confirm] = [
            m for m in telegram.messages_to(chat) if "Poistoa ei voi perua" in m.get("text", "")
        ]
        press(telegram, chat, "Kyllä, poista kaikki", confirm)
        wait_for_text(telegram, chat, "Valmis: poistin tietosi")

        def chats() -> int:
            with closing(sqlite3.connect(stack.workdir / "var" / "telegram-chats.db")) as db:
                return int(db.execute("SELECT count(*) FROM chats").fetchone()[0])

        telegram.wait_until(lambda: chats() == 0, 30, "the bridge forgets the chat")
    assert stack.rows("SELECT * FROM meeting_answers WHERE meeting_id = ?", meeting["id"]) == []
    assert stack.rows("SELECT * FROM panel_members") == []
