"""FAQ answers and the "did you mean" fallback: the API gives the texts and the topics, the
actions make them buttons (the payloads are Rasa's, so the API never sees them)."""

from __future__ import annotations

import json
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.api_client import get_api_client
from vocabulary.languages import Language, as_language

# Below this response-selector confidence the client gets the closest topics as buttons
# instead of one answer that may be wrong; below FaqConfidenceGate's threshold (config.yml)
# the message counts as out of scope, and above SUGGEST_CONFIDENCE the fallback still offers
# the closest topics. Tuned with `make bench-nlu`.
MIN_TOPIC_CONFIDENCE = 0.4
SUGGEST_CONFIDENCE = 0.12
FAQ = "faq"
# How a message the assistant did not understand ended (the API's faq-missed kinds).
FALLBACK = "fallback"
DID_YOU_MEAN = "did_you_mean"


def _selector(tracker: Tracker) -> dict[str, Any]:
    result: dict[str, Any] = (tracker.latest_message.get("response_selector") or {}).get(FAQ) or {}
    return result


def selected_topic(tracker: Tracker) -> tuple[str | None, float]:
    """The topic a button named, or the one the response selector chose, with its confidence."""
    named = next(tracker.get_latest_entity_values("faq_topic"), None)
    if named:
        return str(named), 1.0
    response = _selector(tracker).get("response") or {}
    key = response.get("intent_response_key") or ""
    return (key.split("/", 1)[1] if key.startswith(f"{FAQ}/") else None), float(
        response.get("confidence") or 0.0
    )


def top_confidence(tracker: Tracker) -> float:
    return float((_selector(tracker).get("response") or {}).get("confidence") or 0.0)


def candidate_topics(tracker: Tracker, limit: int = 3) -> list[str]:
    ranking = _selector(tracker).get("ranking") or []
    keys = [r.get("intent_response_key") or "" for r in ranking]
    return [k.split("/", 1)[1] for k in keys if k.startswith(f"{FAQ}/")][:limit]


def reply_language(tracker: Tracker) -> Language:
    """The language to answer in: the slot, or the default (Finnish, the default variation)."""
    return as_language(tracker.get_slot("language"))


def topic_button(topic: dict[str, Any]) -> dict[str, str]:
    """A button that asks about an FAQ topic (`{"topic": id, "title": ...}` from the API)."""
    entities = json.dumps({"faq_topic": topic["topic"]}, ensure_ascii=False)
    return {"title": str(topic["title"]), "payload": f"/faq_topic{entities}"}


def answer_buttons(answer: dict[str, Any]) -> list[dict[str, str]]:
    """The related topics, then "ask your advisor", which opens the meeting preparation."""
    related = [topic_button(topic) for topic in answer["related"]]
    return [*related, {"title": str(answer["advisor_prompt"]), "payload": "/prepare_meeting"}]


async def suggest(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Offers the closest topics as buttons; False when there is nothing to offer."""
    topics = candidate_topics(tracker)
    reply = (
        await get_api_client().faq_suggestions(topics, reply_language(tracker)) if topics else None
    )
    if not reply or not reply["topics"]:
        return False
    buttons = [topic_button(topic) for topic in reply["topics"]]
    dispatcher.utter_message(text=reply["text"], buttons=buttons)
    return True


async def report_missed(tracker: Tracker, kind: str) -> None:
    """The client's message, for the content team's list of what the assistant did not
    understand (the API redacts it on receipt); a button's payload is no client's words."""
    text = str(tracker.latest_message.get("text") or "").strip()
    if text and not text.startswith("/"):
        await get_api_client().record_faq_missed(text, reply_language(tracker), kind)


class ActionAnswerFaq(Action):
    def name(self) -> str:
        return "action_answer_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        topic, confidence = selected_topic(tracker)
        if topic is None:
            dispatcher.utter_message(response="utter_default")
            await report_missed(tracker, FALLBACK)
            return []
        if confidence < MIN_TOPIC_CONFIDENCE and await suggest(dispatcher, tracker):
            await report_missed(tracker, DID_YOU_MEAN)
            return []
        api = get_api_client()
        answer = await api.faq_answer(topic, reply_language(tracker))
        # The advisor's summary lists what the client asked about (the topic, not the words).
        await api.record_faq_topic(tracker.sender_id, topic)
        if answer is None:  # the API is down: utter_faq/<topic> says so (no answer text)
            dispatcher.utter_message(response=f"utter_faq/{topic}")
        else:
            dispatcher.utter_message(text=answer["text"], buttons=answer_buttons(answer))
        return [SlotSet("faq_topic", topic)]


class ActionFallback(Action):
    """Low NLU confidence: offer the closest topics of a near-miss FAQ question, say honestly
    that a far-off one is out of scope, and ask to rephrase anything else."""

    def name(self) -> str:
        return "action_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        ranking = tracker.latest_message.get("intent_ranking") or []
        runner_up = [r.get("name") for r in ranking if r.get("name") != "nlu_fallback"][:1]
        near_miss = runner_up == [FAQ] and top_confidence(tracker) >= SUGGEST_CONFIDENCE
        if near_miss and await suggest(dispatcher, tracker):
            await report_missed(tracker, DID_YOU_MEAN)
            return []
        # A question the FAQ gate turned away is about something we do not cover: say so.
        dispatcher.utter_message(
            response="utter_out_of_scope" if runner_up == [FAQ] else "utter_default"
        )
        await report_missed(tracker, FALLBACK)
        return []
