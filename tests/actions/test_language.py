import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.language import ActionChangeLanguage
from tests.actions.conftest import RecordingApi, entity, make_tracker

pytestmark = pytest.mark.anyio


async def test_change_language_confirms_a_named_language(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = make_tracker(
        slots={"language": "sv"}, intent="change_language", entities=[entity("language", "sv")]
    )
    assert await ActionChangeLanguage().run(dispatcher, tracker, {}) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_language_changed"]
    assert api.conversations == [("rest-test-sender", "rest", "sv")]


async def test_change_language_without_a_language_asks_which(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = make_tracker(slots={"language": "fi"}, intent="change_language")
    await ActionChangeLanguage().run(dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_choose_language"]
    assert api.conversations == []
