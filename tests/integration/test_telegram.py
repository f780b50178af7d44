"""The Telegram channel end to end: `python -m bot` (the real python-telegram-bot, long
polling) against a fake Telegram Bot API server, with the real Rasa server, action server
and API. A client opens the invitation's deep link, answers with buttons, asks a question,
sends a photo, gets the advisor's reminder; Rasa is stopped and started again
mid-conversation and nothing the client wrote is lost; the bridge is restarted and a button
it sent before still works; the bridge is killed while a message waits for Rasa, and after
its restart the message is answered, once."""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.bot.fake_telegram import FakeTelegram, buttons_of
from tests.support.stack import SERVICE_TOKEN, Stack
from tests.support.staff import create_user, login, new_meeting
from tests.support.telegram import (
    last_with_buttons,
    press,
    running_bridge,
    start_bridge,
    wait_for_text,
)

pytestmark = pytest.mark.integration

CLIENT, ASKER, RESTARTER, RETURNER, CRASHER = 7001, 7002, 7003, 7004, 7005
WAITING_PERIOD = "Kuinka monta päivää on omavastuuaika?"


@pytest.fixture(scope="module")
def telegram(stack: Stack) -> Iterator[FakeTelegram]:
    """The fake Bot API and the bridge."""
    with running_bridge(stack) as fake:
        yield fake


@pytest.fixture(scope="module")
def advisor(stack: Stack) -> Iterator[httpx.Client]:
    create_user(stack, "telegram-advisor@example.test", "advisor", "Tellervo Telegram")
    client = login(stack, "telegram-advisor@example.test")
    yield client
    client.close()


def faq_answer(stack: Stack, topic: str, language: str) -> dict[str, Any]:
    reply = httpx.get(f"{stack.api_url}/api/v1/faq/{topic}", params={"language": language})
    reply.raise_for_status()
    answer: dict[str, Any] = reply.json()
    return answer


def test_deep_link_buttons_text_only_and_the_advisors_reminder(
    stack: Stack, telegram: FakeTelegram, advisor: httpx.Client
) -> None:
    menus = {
        c.params.get("language_code"): c.params["commands"]
        for c in telegram.calls_of("setMyCommands")
    }
    assert [c["command"] for c in menus["fi"]] == [
        "language",
        "help",
        "feedback",
        "mydata",
        "delete",
        "privacy",
    ]

    meeting = new_meeting(advisor, "fi")
    reminder_url = f"/api/v1/meetings/{meeting['id']}/reminder"
    assert advisor.post(reminder_url).status_code == 409  # the client has not opened it yet

    code = meeting["invite_code"].replace("-", "")  # as in https://t.me/<bot>?start=<code>
    telegram.send_text(CLIENT, f"/start {code}")
    wait_for_text(telegram, CLIENT, "Saanko tallentaa")
    assert "Tellervo Telegram" in "\n".join(telegram.texts_to(CLIENT))
    consent = last_with_buttons(telegram, CLIENT)
    assert {"Kyllä, saat", "Ei"} <= {title for title, _ in buttons_of(consent)}

    press(telegram, CLIENT, "Kyllä, saat")
    wait_for_text(telegram, CLIENT, "Millainen tilanteesi on nyt?")
    telegram.wait_until(lambda: bool(telegram.calls_of("editMessageReplyMarkup")), 10)
    assert not buttons_of(telegram.messages_to(CLIENT)[telegram.messages_to(CLIENT).index(consent)])
    assert telegram.calls_of("answerCallbackQuery")

    press(telegram, CLIENT, "Jatka myöhemmin")
    wait_for_text(telegram, CLIENT, "jatketaan myöhemmin")

    telegram.send_photo(CLIENT)
    wait_for_text(telegram, CLIENT, "Ymmärrän vain tekstiä")

    # The advisor's reminder reaches the chat through the API's outbox and the bridge.
    queued = advisor.post(reminder_url)
    assert queued.status_code == 202, queued.text
    text = wait_for_text(telegram, CLIENT, "Muistutus: tapaamisesi on", timeout=30)
    assert text == queued.json()["text"]
    service = {"Authorization": f"Bearer {SERVICE_TOKEN}"}

    def delivered() -> bool:
        pending = httpx.get(
            f"{stack.api_url}/api/v1/outbox", params={"channel": "telegram"}, headers=service
        ).json()
        return all(m["id"] != queued.json()["id"] for m in pending)

    telegram.wait_until(delivered, 10, "the reminder marked delivered")

    # What the reminder says to write opens the preparation again.
    before = len(telegram.messages_to(CLIENT))
    telegram.send_text(CLIENT, "valmistaudu tapaamiseen")
    telegram.wait_until(
        lambda: any("Tellervo Telegram" in t for t in telegram.texts_to(CLIENT)[before:]), 60
    )


def test_a_question_the_language_command_privacy_and_help(
    stack: Stack, telegram: FakeTelegram
) -> None:
    telegram.send_text(ASKER, WAITING_PERIOD)
    expected = faq_answer(stack, "waiting_period", "fi")
    answer = wait_for_text(telegram, ASKER, "Lähde:")
    assert answer == expected["text"]
    shown = buttons_of(last_with_buttons(telegram, ASKER))
    # The related topics, and the button that opens the meeting preparation.
    related = {topic["title"] for topic in expected["related"]}
    assert {title for title, _ in shown} == related | {expected["advisor_prompt"]}
    assert all(len(data.encode()) <= 64 for _, data in shown)

    telegram.send_text(ASKER, "/language")
    wait_for_text(telegram, ASKER, "Millä kielellä haluat jatkaa?")
    press(telegram, ASKER, "Svenska")
    wait_for_text(telegram, ASKER, "Okej, vi fortsätter på svenska.")

    telegram.send_text(ASKER, "/privacy")
    privacy = wait_for_text(telegram, ASKER, "Dataskydd i korthet")
    assert privacy.endswith(f"{stack.api_url}/privacy")
    retention = httpx.get(f"{stack.api_url}/api/v1/retention").json()
    assert f"raderas {retention['answer_retention_days']} dagar efter mötet" in privacy

    telegram.send_text(ASKER, "/help")
    wait_for_text(telegram, ASKER, "Du kan skriva med egna ord")


def test_rasa_stopped_and_started_again_loses_nothing(stack: Stack, telegram: FakeTelegram) -> None:
    telegram.send_text(RESTARTER, "moi")
    telegram.wait_for_messages(RESTARTER, 1, timeout=60)
    stack.stop_process("rasa")
    try:
        telegram.send_text(RESTARTER, WAITING_PERIOD)
        wait_for_text(telegram, RESTARTER, "Avustaja ei ole juuri nyt käytettävissä", 30)
    finally:
        stack.restart_rasa()
    answer = wait_for_text(telegram, RESTARTER, "Lähde:", timeout=60)
    assert answer == faq_answer(stack, "waiting_period", "fi")["text"]
    # Retried all the while Rasa was starting again: still told once.
    notices = [t for t in telegram.texts_to(RESTARTER) if "ei ole juuri nyt" in t]
    assert len(notices) == 1


def test_a_button_sent_before_the_bridge_restarts_still_works(
    stack: Stack, telegram: FakeTelegram
) -> None:
    telegram.send_text(RETURNER, WAITING_PERIOD)
    wait_for_text(telegram, RETURNER, "Lähde:")
    answer = last_with_buttons(telegram, RETURNER)
    first = faq_answer(stack, "waiting_period", "fi")["related"][0]

    stack.stop_process("telegram")  # as Ctrl-C or a deployment stops it
    start_bridge(stack, telegram)

    seen = len(telegram.texts_to(RETURNER))  # an earlier answer may quote the same words
    press(telegram, RETURNER, first["title"], answer)
    expected = faq_answer(stack, first["topic"], "fi")["text"]
    assert wait_for_text(telegram, RETURNER, expected[:40], after=seen) == expected
    notices = [c.params.get("text") for c in telegram.calls_of("answerCallbackQuery")]
    assert not any(notices)  # no "this button no longer works"


def test_the_bridge_killed_while_a_message_waits_loses_nothing(
    stack: Stack, telegram: FakeTelegram
) -> None:
    telegram.send_text(CRASHER, "moi")
    telegram.wait_for_messages(CRASHER, 1, timeout=60)
    stack.stop_process("rasa")
    try:
        telegram.send_text(CRASHER, WAITING_PERIOD)
        wait_for_text(telegram, CRASHER, "Avustaja ei ole juuri nyt käytettävissä", 30)
        stack.kill("telegram")  # SIGKILL: the message waits only in the bridge's file
    finally:
        stack.restart_rasa()
    start_bridge(stack, telegram)
    answer = wait_for_text(telegram, CRASHER, "Lähde:", timeout=60)
    assert answer == faq_answer(stack, "waiting_period", "fi")["text"]
    assert sum("Lähde:" in text for text in telegram.texts_to(CRASHER)) == 1
