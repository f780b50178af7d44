"""rasa_components.rasa_cli: a custom action whose server is down waits a little for it, then
tells the client once, in their language, and leaves the conversation where it was."""

import asyncio
from types import SimpleNamespace
from typing import Any

import aiohttp
import pytest
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.core.constants import ACTION_LISTEN_NAME, REQUESTED_SLOT
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    FollowupAction,
    SessionStarted,
    SlotSet,
)
from rasa.shared.exceptions import RasaException

from rasa_components import rasa_cli
from vocabulary.messages import parts_down_text


def refused() -> RasaException:
    key = SimpleNamespace(host="127.0.0.1", port=5055, ssl=None)
    try:
        raise aiohttp.ClientConnectorError(key, OSError(111, "Connection refused"))  # type: ignore[arg-type]
    except aiohttp.ClientConnectorError:
        try:
            raise RasaException("Failed to execute custom action 'x'. Couldn't connect")
        except RasaException as error:
            return error


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def tracker(
    language: str | None = "sv",
    requested: str | None = None,
    message: str = "m1",
    entities: list[dict[str, str]] | None = None,
) -> Any:
    slots = {"language": language, REQUESTED_SLOT: requested}
    return SimpleNamespace(
        sender_id="web-1",
        latest_message=SimpleNamespace(message_id=message, entities=entities or []),
        get_slot=slots.get,
    )


def action(name: str) -> Any:
    return SimpleNamespace(name=lambda: name)


def run_with(*outcomes: Exception | list[Event], clock: Clock, wait: float = 2.0) -> Any:
    left = list(outcomes)
    calls: list[str] = []

    async def run(self: RemoteAction, *args: Any) -> list[Event]:
        calls.append(self.name())
        outcome = left.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    wrapped = rasa_cli.resilient(run, wait, sleep=clock.sleep, clock=clock)
    return wrapped, calls


def call(wrapped: Any, name: str, state: Any) -> list[Event]:
    result: list[Event] = asyncio.run(wrapped(action(name), None, None, state, None))
    return result


def test_an_action_server_back_within_the_wait_answers_as_usual() -> None:
    clock = Clock()
    done: list[Event] = [SlotSet("x", 1)]
    wrapped, calls = run_with(refused(), refused(), done, clock=clock)
    assert call(wrapped, "action_faq_answer", tracker()) == done
    assert calls == ["action_faq_answer"] * 3
    assert clock.slept == [rasa_cli.RETRY_EVERY_SECONDS] * 2


def test_one_still_down_after_the_wait_tells_the_client_and_ends_the_turn() -> None:
    clock = Clock()
    wrapped, calls = run_with(*[refused()] * 10, clock=clock, wait=1.0)
    events = call(wrapped, "action_faq_answer", tracker("sv"))
    assert events == [BotUttered(parts_down_text("sv")), FollowupAction(ACTION_LISTEN_NAME)]
    assert clock.now >= 1.0 and len(calls) == 3


def test_a_form_keeps_its_question_and_the_client_is_told_once_per_message() -> None:
    clock = Clock()
    wrapped, _ = run_with(*[refused()] * 20, clock=clock, wait=0.0)
    state = tracker("en", requested="preparation_goals")
    first = call(wrapped, "validate_meeting_preparation_form", state)
    assert first == [BotUttered(parts_down_text("en")), SlotSet("preparation_goals", None)]
    again = call(wrapped, "action_ask_preparation_consent", state)  # the same message
    assert again == [FollowupAction(ACTION_LISTEN_NAME)]
    later = call(wrapped, "action_faq_answer", tracker("en", message="m2"))
    assert later[0] == BotUttered(parts_down_text("en"))


def test_a_new_conversation_starts_as_rasa_starts_one() -> None:
    wrapped, _ = run_with(refused(), clock=Clock(), wait=0.0)
    events = call(wrapped, rasa_cli.SESSION_START_ACTION, tracker(None))
    assert events == [SessionStarted(), ActionExecuted(ACTION_LISTEN_NAME)]


def test_without_the_slot_the_language_the_message_is_in() -> None:
    wrapped, _ = run_with(refused(), refused(), clock=Clock(), wait=0.0)
    detected = [{"entity": "detected_language", "value": "en"}]
    [told, _] = call(wrapped, "action_open_preparation", tracker(None, entities=detected))
    assert told == BotUttered(parts_down_text("en"))
    named = [*detected, {"entity": "language", "value": "sv"}]
    [told, _] = call(wrapped, "action_faq_answer", tracker(None, message="m2", entities=named))
    assert told == BotUttered(parts_down_text("sv"))


def test_an_unknown_language_gets_all_three() -> None:
    wrapped, _ = run_with(refused(), clock=Clock(), wait=0.0)
    [told, _] = call(wrapped, "action_faq_answer", tracker(None))
    assert isinstance(told, BotUttered) and told.text == parts_down_text(None)


def test_an_error_after_the_call_reached_the_server_is_not_tried_again() -> None:
    clock = Clock()
    failed = RasaException("Failed to execute custom action 'x'")  # e.g. a 500
    wrapped, calls = run_with(failed, clock=clock, wait=5.0)
    call(wrapped, "action_faq_answer", tracker())
    assert len(calls) == 1 and clock.slept == []


def test_a_rejection_stays_rasas() -> None:
    wrapped, _ = run_with(ActionExecutionRejection("validate_x"), clock=Clock())
    with pytest.raises(ActionExecutionRejection):
        call(wrapped, "validate_x", tracker())
