"""actions.proposals: a proposal, its theme, storing it and "you said, we did"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions import api_routes as routes
from actions.api_client import ApiReply
from actions.proposals import (
    LATEST_THEME_ACTIONS,
    ActionAskProposalTheme,
    ActionListThemeActions,
    ActionOpenProposal,
    ActionSubmitProposal,
    ValidateProposalForm,
    done_on,
    theme_title,
)
from tests.actions.conftest import RecordingApi, entity, make_tracker
from vocabulary.participation import THEMES

pytestmark = pytest.mark.anyio

DOMAIN = yaml.safe_load(
    (Path(__file__).parents[2] / "domain" / "proposals.yml").read_text(encoding="utf-8")
)
IDEA = "Tapaamisia pitäisi voida varata myös iltaisin, koska olen päivät töissä."


def slots(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def titles(message: dict[str, Any]) -> list[str]:
    return [b["title"] for b in message["buttons"]]


def test_dates_and_theme_names_in_each_language() -> None:
    assert done_on("2026-10-01", "fi") == "1.10.2026"
    assert done_on("2026-10-01", "sv") == "1.10.2026"
    assert done_on("2026-10-01", "en") == "1 October 2026"
    assert theme_title(DOMAIN, "training", "sv") == "Utbildning"
    assert [theme_title(DOMAIN, t, "en") for t in THEMES][-1] == "Other"


async def test_the_form_opens_empty_and_asks_for_the_proposal(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    for opening in ("minulla on idea", f"minulla on idea: {IDEA}"):
        tracker = make_tracker(intent="give_proposal", text=opening)
        events = await ActionOpenProposal().run(dispatcher, tracker, DOMAIN)
        assert slots(events) == {
            "proposal_text": None,
            "proposal_theme": None,
            "proposal_suggested_theme": None,
        }
    assert api.calls == []


async def test_the_typed_proposal_gets_a_suggested_theme(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    form = ValidateProposalForm()
    tracker = make_tracker(
        slots={"requested_slot": "proposal_text"}, intent="nlu_fallback", text=IDEA
    )
    assert await form.validate_proposal_text(IDEA, dispatcher, tracker, DOMAIN) == {
        "proposal_text": IDEA,
        "proposal_suggested_theme": "digital_services",
    }
    for not_a_proposal in ("/affirm", "avbryt", "  "):  # an old button, one word, nothing
        assert await form.validate_proposal_text(not_a_proposal, dispatcher, tracker, DOMAIN) == {
            "proposal_text": None
        }


async def test_the_suggestion_is_confirmed_or_another_theme_picked(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    form = ValidateProposalForm()
    asked = {"requested_slot": "proposal_theme", "proposal_suggested_theme": "job_search"}
    yes = make_tracker(slots=asked, intent="affirm", text="/affirm")
    assert await form.extract_proposal_theme(dispatcher, yes, DOMAIN) == {
        "proposal_theme": "job_search"
    }
    other = make_tracker(slots=asked, intent="choose_theme", entities=[entity("theme", "training")])
    assert await form.extract_proposal_theme(dispatcher, other, DOMAIN) == {
        "proposal_theme": "training"
    }
    typed = make_tracker(slots=asked, intent="nlu_fallback", text="hyvinvointi ja työkyky")
    assert await form.extract_proposal_theme(dispatcher, typed, DOMAIN) == {
        "proposal_theme": "wellbeing_work_ability"
    }
    unrelated = make_tracker(slots=asked, intent="faq", text="mikä on karenssi")
    assert await form.extract_proposal_theme(dispatcher, unrelated, DOMAIN) == {}


async def test_the_theme_question_offers_yes_and_the_other_themes(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = make_tracker(slots={"language": "en", "proposal_suggested_theme": "digital_services"})
    await ActionAskProposalTheme().run(dispatcher, tracker, DOMAIN)
    [question] = dispatcher.messages
    assert "Digital services" in question["text"]
    assert titles(question)[0] == "Yes, store it"
    assert "Digital services" not in titles(question)
    assert titles(question)[1:] == [
        "Meetings and guidance",
        "Training",
        "Job search",
        "Wellbeing and work ability",
        "Services for immigrants",
        "Other",
        "Cancel",
    ]


async def test_without_a_suggestion_the_themes_are_offered(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    await ActionAskProposalTheme().run(dispatcher, make_tracker(), DOMAIN)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_proposal_themes"]


async def test_storing_tells_what_was_done_in_the_theme(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    api.theme_actions_done = [
        {"theme": "training", "text": "Kursseja lisättiin iltaan.", "done_on": "2026-11-02"},
        {"theme": "job_search", "text": "CV-paja joka viikko.", "done_on": "2026-10-01"},
    ]
    tracker = make_tracker(slots={"proposal_text": IDEA, "proposal_theme": "training"})
    tracker.sender_id = "tg-0123abcd"
    events = await ActionSubmitProposal().run(dispatcher, tracker, DOMAIN)
    assert api.proposals == [(IDEA, "training", "fi", "telegram")]
    stored, done = dispatcher.messages
    assert (stored["response"], stored["proposal_theme_title"]) == (
        "utter_proposal_stored",
        "Koulutus",
    )
    assert done["response"] == "utter_proposal_theme_actions"
    assert done["theme_actions"] == "• 2.11.2026 – Kursseja lisättiin iltaan."
    assert set(slots(events).values()) == {None}


async def test_a_theme_where_nothing_is_done_yet(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = make_tracker(slots={"proposal_text": IDEA, "proposal_theme": "other"})
    await ActionSubmitProposal().run(dispatcher, tracker, DOMAIN)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_proposal_stored",
        "utter_proposal_theme_nothing_yet",
    ]


async def test_a_proposal_the_api_cannot_take_yet_waits_for_it(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    api.down = True
    tracker = make_tracker(slots={"proposal_text": IDEA, "proposal_theme": "other"})
    await ActionSubmitProposal().run(dispatcher, tracker, DOMAIN)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_proposal_stored",
        "utter_write_queued",
    ]
    assert dispatcher.messages[0]["proposal_theme_title"] == theme_title(DOMAIN, "other", "fi")
    assert api.queued == [routes.STORE_PROPOSAL]


async def test_a_proposal_the_api_did_not_take(
    dispatcher: CollectingDispatcher, api: RecordingApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def refused(*args: Any) -> ApiReply:
        return ApiReply(422, {"detail": "bad"})

    monkeypatch.setattr(api, "store_proposal", refused)
    tracker = make_tracker(slots={"proposal_text": IDEA, "proposal_theme": "other"})
    await ActionSubmitProposal().run(dispatcher, tracker, DOMAIN)
    assert [m["response"] for m in dispatcher.messages] == ["utter_proposal_not_saved"]


async def test_what_has_come_of_the_proposals(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    api.theme_actions_done = [
        {"theme": "digital_services", "text": f"Change {n}", "done_on": f"2026-11-{n:02}"}
        for n in range(9, 0, -1)
    ]
    await ActionListThemeActions().run(dispatcher, make_tracker(slots={"language": "en"}), DOMAIN)
    [message] = dispatcher.messages
    assert message["response"] == "utter_theme_actions"
    lines = message["theme_actions"].split("\n")
    assert len(lines) == LATEST_THEME_ACTIONS
    assert lines[0] == "• 9 November 2026 – Digital services: Change 9"


async def test_nothing_done_yet_or_the_api_down(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    await ActionListThemeActions().run(dispatcher, make_tracker(), DOMAIN)
    api.down = True
    await ActionListThemeActions().run(dispatcher, make_tracker(), DOMAIN)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_no_theme_actions",
        "utter_theme_actions_unavailable",
    ]
