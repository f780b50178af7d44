import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import ActionGreet, ActionSessionStart
from tests.actions.conftest import RecordingApi, make_tracker

pytestmark = pytest.mark.anyio


async def test_session_start_records_the_channel_language(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = make_tracker(slots={"session_started_metadata": {"language": "sv"}})
    events = await ActionSessionStart().run(dispatcher, tracker, {})
    assert api.conversations == [("rest-test-sender", "rest", "sv")]
    assert events[0]["event"] == "session_started"
    assert {"event": "slot", "name": "language", "value": "sv", "timestamp": None} in events
    assert events[-1]["name"] == "action_listen"


async def test_session_start_carries_the_language_over(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = make_tracker(slots={"language": "en"})
    events = await ActionSessionStart().run(dispatcher, tracker, {})
    assert api.conversations == [("rest-test-sender", "rest", "en")]
    slots = [e for e in events if e["event"] == "slot"]
    assert [(e["name"], e["value"]) for e in slots] == [("language", "en"), ("language", "en")]


async def test_session_start_without_a_language(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    events = await ActionSessionStart().run(dispatcher, make_tracker(), {})
    assert api.conversations == [("rest-test-sender", "rest", None)]
    assert [e["event"] for e in events] == ["session_started", "action"]


async def test_greet_records_the_language_and_greets(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = make_tracker(slots={"language": "fi"})
    assert await ActionGreet().run(dispatcher, tracker, {}) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_greet"]
    assert api.conversations == [("rest-test-sender", "rest", "fi")]
