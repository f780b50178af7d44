"""Meeting preparation actions against a recording stand-in for the API."""

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions.meeting_preparation import (
    ActionConfirmPreparation,
    ActionCorrectSection,
    ActionDeletePreparation,
    ActionOpenPreparation,
    ActionReviewPreparation,
)
from tests.actions.conftest import VALID_CODE, RecordingApi, entity, make_tracker

pytestmark = pytest.mark.anyio
# The real responses: the open action renders them itself when it chose the language.
DOMAIN = yaml.safe_load(
    (Path(__file__).parents[2] / "domain" / "meeting_preparation.yml").read_text(encoding="utf-8")
)


def slots(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def responses(dispatcher: CollectingDispatcher) -> list[str | None]:
    return [message.get("response") for message in dispatcher.messages]


async def test_an_invite_code_opens_the_preparation_in_the_meetings_language(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    tracker = make_tracker(intent="start_preparation", entities=[entity("invite_code", VALID_CODE)])
    events = await ActionOpenPreparation().run(dispatcher, tracker, DOMAIN)
    # In Swedish already, though Rasa still saw no language when the action started.
    [intro] = dispatcher.messages
    assert intro["text"].startswith(
        "Du förbereder mötet med Aino Asiantuntija mån 16.2.2026 kl. 10.00."
    )
    got = slots(events)
    assert got["language"] == "sv"
    assert got["meeting_time"] == "mån 16.2.2026 kl. 10.00"  # 08:00 UTC is 10:00 in Helsinki
    assert got["preparation_stage"] == "form"
    assert got["preparation_consent"] is None


@pytest.mark.parametrize(
    ("code", "down", "response"),
    [
        ("ABCD-EFGH-JKMN-P", False, "utter_preparation_code_invalid"),
        (VALID_CODE, True, "utter_preparation_unavailable"),
    ],
)
async def test_a_code_that_does_not_open_says_why(
    api: RecordingApi, dispatcher: CollectingDispatcher, code: str, down: bool, response: str
) -> None:
    api.down = down
    tracker = make_tracker(intent="start_preparation", entities=[entity("invite_code", code)])
    events = await ActionOpenPreparation().run(dispatcher, tracker, {})
    assert responses(dispatcher) == [response]
    assert slots(events) == {"preparation_stage": "stop"}


async def test_coming_back_without_an_invitation_asks_for_the_code(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    events = await ActionOpenPreparation().run(
        dispatcher, make_tracker(intent="prepare_meeting", slots={"language": "fi"}), {}
    )
    assert responses(dispatcher) == ["utter_preparation_need_code"]
    assert slots(events)["preparation_stage"] == "stop"


async def test_coming_back_continues_where_the_client_left_off(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting(consent=True)
    await api.store_answer("k", "situation", "haen töitä", "fi", False)
    tracker = make_tracker(intent="prepare_meeting", slots={"language": "fi"})
    got = slots(await ActionOpenPreparation().run(dispatcher, tracker, {}))
    assert got["preparation_consent"] is True
    assert got["situation"] == "HAEN TÖITÄ"
    assert got["goals"] is None  # still to be asked
    assert got["preparation_stage"] == "form"
    assert "language" not in got  # the client's own language stays


async def test_a_confirmed_preparation_opens_at_the_read_back(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting(consent=True, confirmed=True)
    events = await ActionOpenPreparation().run(
        dispatcher, make_tracker(intent="prepare_meeting"), {}
    )
    assert slots(events)["preparation_stage"] == "review"


async def test_a_meeting_that_has_started_is_closed(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting(consent=True)
    api.editable = False
    tracker = make_tracker(intent="prepare_meeting", slots={"language": "fi"})
    events = await ActionOpenPreparation().run(dispatcher, tracker, DOMAIN)
    assert responses(dispatcher) == ["utter_preparation_closed"]
    assert slots(events)["preparation_stage"] == "stop"


async def test_the_read_back_shows_the_stored_words_and_skipped_questions(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting(consent=True)
    await api.store_answer("k", "goals", "logistiikka-ala", "fi", False)
    tracker = make_tracker(slots={"language": "fi"})
    events = await ActionReviewPreparation().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_preparation_review"
    assert "• Tavoitteet: LOGISTIIKKA-ALA" in message["answers"]
    assert "• Tilanne: (ohitettu)" in message["answers"]
    assert slots(events) == {"preparation_stage": "review"}


async def test_without_consent_the_read_back_says_nothing_was_stored(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting(consent=False)
    await ActionReviewPreparation().run(dispatcher, make_tracker(), {})
    assert responses(dispatcher) == ["utter_preparation_no_consent"]


async def test_confirming_says_when_the_advisor_reads_it(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting(consent=True)
    tracker = make_tracker(intent="confirm_preparation", slots={"language": "en"})
    await ActionConfirmPreparation().run(dispatcher, tracker, {})
    assert api.meeting is not None and api.meeting["confirmed"] is True
    assert dispatcher.messages[0]["meeting_time"] == "on Mon 16 Feb 2026 at 10:00"


async def test_correcting_empties_one_answer_and_marks_it_for_replacing(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting(consent=True)
    tracker = make_tracker(intent="correct_section", entities=[entity("section", "goals")])
    events = await ActionCorrectSection().run(dispatcher, tracker, {})
    assert slots(events) == {
        "goals": None,
        "correcting_section": "goals",
        "preparation_stage": "form",
    }


async def test_correcting_without_a_section_shows_the_buttons_again(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting(consent=True)
    events = await ActionCorrectSection().run(
        dispatcher, make_tracker(intent="correct_section"), {}
    )
    assert responses(dispatcher) == ["utter_preparation_review"]
    assert slots(events) == {"preparation_stage": "stop"}


async def test_deleting_removes_the_answers_and_the_consent(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting(consent=True)
    await api.store_answer("k", "concerns", "jaksaminen", "fi", False)
    events = await ActionDeletePreparation().run(dispatcher, make_tracker(), {})
    assert responses(dispatcher) == ["utter_preparation_deleted"]
    assert api.meeting is not None
    assert api.meeting["answers"]["concerns"] == [] and api.meeting["consent"] is False
    assert slots(events)["concerns"] is None


async def test_deleting_when_nothing_is_stored(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    await ActionDeletePreparation().run(dispatcher, make_tracker(), {})
    assert responses(dispatcher) == ["utter_preparation_nothing_to_delete"]


async def test_a_code_in_the_metadata_of_a_payload_opens_too(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    # Telegram's "/start CODE" arrives through the bridge as /start_preparation + metadata.
    tracker = make_tracker(intent="start_preparation", metadata={"invite_code": VALID_CODE})
    events = await ActionOpenPreparation().run(dispatcher, tracker, {})
    assert slots(events)["preparation_stage"] == "form"
