"""The client's own data in the chat: what is stored (the API's data, said in plain words),
the copy (a link on the web, the text in Telegram) and the erasure, which asks the tracker
store and the Telegram bridge to forget the conversation too."""

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions import my_data
from tests.actions.conftest import CONVERSATION_DAYS, RETENTION_DAYS, RecordingApi, make_tracker
from vocabulary.my_data import ERASE_SLOT

pytestmark = pytest.mark.anyio
DOMAIN: dict[str, Any] = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "domain" / "panel.yml").read_text(encoding="utf-8")
)
TG = "tg-0123456789abcdef"


async def run(action: Any, tracker: Any, dispatcher: CollectingDispatcher) -> list[Any]:
    events: list[Any] = await action.run(dispatcher, tracker, DOMAIN)
    return events


async def test_what_is_stored_is_listed_with_the_apis_periods(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting(consent=True)
    api.meeting["answers"]["goals"].append({"text": "KOKIKSI", "at": "2026-02-15T10:00:00Z"})  # type: ignore[index]
    api.panel_members[TG] = {
        "interests": ["training", "job_search"],
        "languages": ["fi"],
        "contact_channel": "telegram",
        "email": None,
        "joined_on": "2026-02-01",
        "consent_version": "3",
    }
    tracker = make_tracker(sender_id=TG, slots={"language": "en"}, intent="my_data")
    assert await run(my_data.ActionMyData(), tracker, dispatcher) == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_my_data"
    listing = message["listing"]
    assert "Meeting: Aino Asiantuntija on Mon 16 Feb 2026 at 10:00" in listing
    assert "Consent to store your answers: given. Answers stored: 1" in listing
    assert f"{RETENTION_DAYS} days after the meeting" in listing
    assert "joined on 1.2.2026; interests: Training, Job search" in listing
    assert "contact: this Telegram chat; consent text version 3" in listing
    assert f"deleted after {CONVERSATION_DAYS} days" in listing
    assert "KOKIKSI" not in listing  # how many, not the words: the copy has them


async def test_nothing_stored_is_said_in_the_language(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    await run(my_data.ActionMyData(), make_tracker(slots={"language": "sv"}), dispatcher)
    assert "Inga svar för ett möte" in dispatcher.messages[0]["listing"]


async def test_the_web_gets_a_one_time_link_telegram_the_text(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    await run(my_data.ActionMyDataCopy(), make_tracker(slots={"language": "fi"}), dispatcher)
    [link] = dispatcher.messages
    assert link["response"] == "utter_my_data_link"
    assert (link["url"], link["minutes"]) == ("https://k.example/api/v1/my-data/t0k3n", 10)
    telegram = CollectingDispatcher()
    await run(
        my_data.ActionMyDataCopy(), make_tracker(sender_id=TG, slots={"language": "sv"}), telegram
    )
    # One message, not one per paragraph.
    assert [m["text"] for m in telegram.messages] == ["copy in sv\nsecond part"]


async def test_the_erasure_asks_the_store_and_the_bridge_to_forget(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting(consent=True)
    events = await run(my_data.ActionEraseMyData(), make_tracker(sender_id=TG), dispatcher)
    assert [e for e in events if e["event"] == "slot"] == [
        {"event": "slot", "timestamp": None, "name": ERASE_SLOT, "value": True}
    ]
    assert dispatcher.messages[0]["response"] == "utter_my_data_erased"
    assert dispatcher.messages[1]["custom"] == {"forget_chat": True}
    assert api.meeting is None


@pytest.mark.parametrize("action", [my_data.ActionMyData(), my_data.ActionMyDataCopy()])
async def test_without_the_api_nothing_is_claimed(
    api: RecordingApi, dispatcher: CollectingDispatcher, action: Any
) -> None:
    api.down = True
    events = await run(action, make_tracker(sender_id=TG), dispatcher)
    assert events == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_my_data_unavailable"]


async def test_an_erasure_the_api_cannot_take_yet_waits_for_it(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    """The request waits in the write queue; the conversation's log goes at once, as after
    an erasure the API did."""
    api.down = True
    events = await run(my_data.ActionEraseMyData(), make_tracker(sender_id=TG), dispatcher)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_request_queued", None]
    assert dispatcher.messages[1]["custom"] == my_data.FORGET_CHAT
    assert [(e["name"], e["value"]) for e in events] == [(ERASE_SLOT, True)]
