"""Meeting preparation actions against a recording stand-in for the API."""

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions import api_routes as routes
from actions.meeting_display import SKIPPED
from actions.meeting_preparation import (
    ActionAskPreparationConsent,
    ActionConfirmPreparation,
    ActionCorrectSection,
    ActionDeletePreparation,
    ActionOpenPreparation,
    ActionReviewPreparation,
)
from tests.actions.conftest import RETENTION_DAYS, VALID_CODE, RecordingApi, entity, make_tracker
from vocabulary.meetings import SECTIONS

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
    assert got["answer_retention_days"] == RETENTION_DAYS  # for the consent question
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
        # In case the form asks for consent first: who reads, and for how long it is kept.
        "meeting_advisor": "Aino Asiantuntija",
        "meeting_time": "ma 16.2.2026 klo 10.00",
        "answer_retention_days": RETENTION_DAYS,
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


async def test_deleting_removes_the_answers_and_the_consent_in_one_call(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting(consent=True)
    await api.store_answer("k", "concerns", "jaksaminen", "fi", False)
    api.calls.clear()
    events = await ActionDeletePreparation().run(dispatcher, make_tracker(), {})
    assert api.calls == [routes.DELETE_PREPARATION]
    assert responses(dispatcher) == ["utter_preparation_deleted"]
    assert api.meeting is not None
    assert api.meeting["answers"]["concerns"] == [] and api.meeting["consent"] is False
    got = slots(events)
    assert all(got[section] is None for section in SECTIONS)
    assert got["preparation_consent"] is None  # asked again if the client comes back
    assert got["preparation_stage"] == "stop"


async def test_deleting_when_the_api_is_down_waits_for_it(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting(consent=True)
    api.down = True
    tracker = make_tracker(slots={"preparation_consent": True, "goals": "töihin"})
    events = await ActionDeletePreparation().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_request_queued"]
    assert slots(events)["preparation_consent"] is None and slots(events)["goals"] is None
    assert api.queued == [routes.DELETE_PREPARATION]


async def test_the_read_back_shows_answers_that_wait_for_the_api(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    """While answers wait in the write queue (or the API is down), the read-back is the
    slots': every answer given, the API's redacted form of those it stored."""
    api.open_meeting(consent=True)
    assert api.meeting is not None
    api.meeting["answers"]["situation"] = [{"text": "HAEN TÖITÄ", "at": "2026-02-15T10:00:00"}]
    answered = {"preparation_consent": True, "situation": "HAEN TÖITÄ", "goals": "töihin"}
    tracker = make_tracker(slots={**answered, "concerns": SKIPPED, "language": "en"})
    api.queued = [routes.STORE_ANSWER]
    events = await ActionReviewPreparation().run(dispatcher, tracker, DOMAIN)
    assert slots(events) == {"preparation_stage": "review"}
    [message] = dispatcher.messages
    assert message["response"] == "utter_preparation_review"
    assert "HAEN TÖITÄ" in message["answers"] and "töihin" in message["answers"]
    assert message["answers"].count("(skipped)") == 4
    # The API down: the same from the slots.
    api.queued, api.down = [], True
    down = CollectingDispatcher()
    await ActionReviewPreparation().run(down, tracker, DOMAIN)
    assert down.messages[0]["answers"] == message["answers"]
    # Without consent in the slots nothing is read back.
    down = CollectingDispatcher()
    await ActionReviewPreparation().run(down, make_tracker(slots={"goals": "x"}), DOMAIN)
    assert responses(down) == ["utter_preparation_unavailable"]


async def test_a_confirmation_that_waits_for_the_api_says_both(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting(consent=True)
    api.down = True
    tracker = make_tracker(slots={"meeting_time": "ma 16.2.2026 klo 10.00"})
    events = await ActionConfirmPreparation().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_preparation_confirmed", "utter_write_queued"]
    assert dispatcher.messages[0]["meeting_time"] == "ma 16.2.2026 klo 10.00"
    assert slots(events) == {"preparation_stage": "stop"}


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


async def test_the_consent_question_tells_the_meetings_advisor_and_retention(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    # The slots hold them: the meeting was read when the preparation opened.
    tracker = make_tracker(slots={"meeting_advisor": "Aino", "answer_retention_days": 45})
    assert await ActionAskPreparationConsent().run(dispatcher, tracker, DOMAIN) == []
    assert responses(dispatcher) == ["utter_ask_preparation_consent"]
    assert api.calls == []


async def test_the_consent_question_reads_the_meeting_when_the_slots_are_empty(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.open_meeting()
    events = await ActionAskPreparationConsent().run(dispatcher, make_tracker(), DOMAIN)
    [question] = dispatcher.messages
    assert question["response"] == "utter_ask_preparation_consent"
    assert question["answer_retention_days"] == RETENTION_DAYS
    assert question["meeting_advisor"] == "Aino Asiantuntija"
    assert slots(events)["answer_retention_days"] == RETENTION_DAYS


async def test_the_consent_question_is_not_asked_without_the_meeting(
    api: RecordingApi, dispatcher: CollectingDispatcher
) -> None:
    api.down = True
    await ActionAskPreparationConsent().run(dispatcher, make_tracker(), DOMAIN)
    assert responses(dispatcher) == ["utter_preparation_unavailable"]
