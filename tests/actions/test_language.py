import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.language import ActionChangeLanguage, ValidateSlotMappings, choose_language
from tests.actions.conftest import RecordingApi, entity, make_tracker

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    ("current", "metadata", "intent", "named", "detected", "expected"),
    [
        (None, None, "greet", None, "sv", "sv"),  # detected while unknown
        ("fi", None, "greet", None, "en", "fi"),  # kept once known
        ("fi", "en", "greet", None, "fi", "en"),  # the channel's choice wins
        ("fi", "de", "greet", None, None, "fi"),  # an unsupported choice is ignored
        ("fi", None, "change_language", "sv", "fi", "sv"),  # an explicit switch
        ("fi", None, "faq", "sv", "fi", "fi"),  # naming a language is not a switch
        (None, None, "greet", None, None, None),  # unknown stays unknown
    ],
)
def test_choose_language(
    current: str | None,
    metadata: str | None,
    intent: str,
    named: str | None,
    detected: str | None,
    expected: str | None,
) -> None:
    assert choose_language(current, metadata, intent, named, detected) == expected


async def test_slot_is_set_from_rest_metadata(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker(slots={"language": "fi"}, metadata={"language": "en"})
    result = await ValidateSlotMappings().extract_language(dispatcher, tracker, {})
    assert result == {"language": "en"}


async def test_slot_is_untouched_when_nothing_changes(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker(slots={"language": "sv"}, entities=[entity("detected_language", "fi")])
    assert await ValidateSlotMappings().extract_language(dispatcher, tracker, {}) == {}


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
