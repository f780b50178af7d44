from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.faq import ActionAnswerFaq, ActionFallback
from tests.actions.conftest import RecordingApi, entity, make_tracker

pytestmark = pytest.mark.anyio


def selector(*ranked: tuple[str, float]) -> dict[str, Any]:
    ranking = [{"intent_response_key": f"faq/{t}", "confidence": c} for t, c in ranked]
    return {"response_selector": {"faq": {"response": ranking[0], "ranking": ranking}}}


async def test_answers_the_selected_topic_in_the_language(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = make_tracker(
        slots={"language": "sv"},
        intent="faq",
        extra=selector(("appeal", 0.93), ("sanctions", 0.04)),
    )
    events = await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert api.faq_calls == [("appeal", "sv")]
    assert api.topics_asked == ["appeal"]
    assert dispatcher.messages[0]["text"] == "appeal in sv"
    # The actions make the buttons; the API gives only topics and the advisor prompt.
    assert dispatcher.messages[0]["buttons"] == [
        {"title": "Related", "payload": '/faq_topic{"faq_topic": "other"}'},
        {"title": "Ask your advisor (sv)", "payload": "/prepare_meeting"},
    ]
    assert events == [{"event": "slot", "name": "faq_topic", "value": "appeal", "timestamp": None}]


async def test_a_topic_button_wins_over_the_selector(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = make_tracker(
        intent="faq_topic",
        entities=[entity("faq_topic", "waiting_period")],
        extra=selector(("appeal", 0.2)),
    )
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert api.faq_calls == [("waiting_period", "fi")]


async def test_unsure_selection_offers_the_closest_topics(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = make_tracker(
        slots={"language": "en"},
        intent="faq",
        extra=selector(("appeal", 0.3), ("labour_policy_statement", 0.25), ("sanctions", 0.2)),
    )
    assert await ActionAnswerFaq().run(dispatcher, tracker, {}) == []
    assert api.faq_calls == []
    [message] = dispatcher.messages
    assert message["text"] == "did you mean (en)"
    assert message["buttons"] == [
        {"title": "Appeal", "payload": '/faq_topic{"faq_topic": "appeal"}'},
        {
            "title": "Labour Policy Statement",
            "payload": '/faq_topic{"faq_topic": "labour_policy_statement"}',
        },
        {"title": "Sanctions", "payload": '/faq_topic{"faq_topic": "sanctions"}'},
    ]


async def test_api_down_falls_back_to_the_static_response(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    api.down = True
    tracker = make_tracker(intent="faq", extra=selector(("appeal", 0.9)))
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq/appeal"]


async def test_fallback_offers_topics_when_faq_is_the_runner_up(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "faq", "confidence": 0.45}]
    tracker = make_tracker(
        intent="nlu_fallback",
        extra={"intent_ranking": ranking, **selector(("appeal", 0.4), ("sanctions", 0.3))},
    )
    await ActionFallback().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["text"] == "did you mean (fi)"


async def test_fallback_without_a_faq_guess_says_so(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "greet", "confidence": 0.3}]
    tracker = make_tracker(intent="nlu_fallback", extra={"intent_ranking": ranking})
    await ActionFallback().run(dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_default"]


async def test_fallback_far_from_any_topic_is_out_of_scope(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.15}, {"name": "faq", "confidence": 0.99}]
    tracker = make_tracker(
        intent="nlu_fallback",
        extra={"intent_ranking": ranking, **selector(("appeal", 0.05), ("sanctions", 0.04))},
    )
    await ActionFallback().run(dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_out_of_scope"]


async def test_no_suggestions_to_offer_answers_the_best_guess(
    dispatcher: CollectingDispatcher, api: RecordingApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def nothing(topics: list[str], language: str) -> dict[str, Any]:
        return {"text": "did you mean", "topics": []}  # none of the candidates is known

    monkeypatch.setattr(api, "faq_suggestions", nothing)
    tracker = make_tracker(intent="faq", extra=selector(("appeal", 0.3), ("sanctions", 0.2)))
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert api.faq_calls == [("appeal", "fi")]
    assert dispatcher.messages[0]["text"] == "appeal in fi"


# What the assistant did not understand goes to the content team's list (the API redacts it).


async def test_a_did_you_mean_reports_the_message(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = make_tracker(
        slots={"language": "sv"},
        intent="faq",
        text="hur länge väntar jag på pengar",
        extra=selector(("appeal", 0.3), ("sanctions", 0.2)),
    )
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert api.missed == [("hur länge väntar jag på pengar", "sv", "did_you_mean")]


async def test_a_confident_answer_reports_nothing(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    tracker = make_tracker(intent="faq", extra=selector(("appeal", 0.93)))
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert api.missed == []


async def test_the_fallback_reports_the_message_however_it_ends(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    near = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "faq", "confidence": 0.45}]
    far = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "greet", "confidence": 0.3}]
    suggested = make_tracker(
        intent="nlu_fallback",
        text="saako lomalla käydä",
        extra={"intent_ranking": near, **selector(("appeal", 0.4), ("sanctions", 0.3))},
    )
    await ActionFallback().run(dispatcher, suggested, {})
    not_understood = make_tracker(
        slots={"language": "en"}, intent="nlu_fallback", text="blorp", extra={"intent_ranking": far}
    )
    await ActionFallback().run(dispatcher, not_understood, {})
    assert api.missed == [
        ("saako lomalla käydä", "fi", "did_you_mean"),
        ("blorp", "en", "fallback"),
    ]


async def test_a_button_payload_is_not_reported(
    dispatcher: CollectingDispatcher, api: RecordingApi
) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "greet", "confidence": 0.3}]
    payload = '/faq_topic{"faq_topic": "gone"}'
    tracker = make_tracker(intent="nlu_fallback", text=payload, extra={"intent_ranking": ranking})
    await ActionFallback().run(dispatcher, tracker, {})
    assert api.missed == []
