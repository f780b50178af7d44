"""Fixtures of the action tests: trackers, a dispatcher and a recording stand-in for the API."""

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import api_client


class RecordingApi:
    """Stands in for the API client: records calls instead of making HTTP requests."""

    def __init__(self) -> None:
        self.conversations: list[tuple[str, str | None, str | None]] = []
        self.faq_calls: list[tuple[str, str]] = []
        self.down = False

    async def faq_answer(self, topic: str, language: str) -> dict[str, Any] | None:
        self.faq_calls.append((topic, language))
        if self.down:
            return None
        button = {"title": "Related", "payload": '/faq_topic{"faq_topic": "other"}'}
        return {"text": f"{topic} in {language}", "buttons": [button]}

    async def faq_suggestions(self, topics: list[str], language: str) -> dict[str, Any] | None:
        if self.down:
            return None
        buttons = [{"title": t, "payload": f'/faq_topic{{"faq_topic": "{t}"}}'} for t in topics]
        return {"text": f"did you mean ({language})", "buttons": buttons}

    async def record_conversation(
        self, conversation_key: str, channel: str | None, language: str | None
    ) -> None:
        self.conversations.append((conversation_key, channel, language))


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> RecordingApi:
    recording = RecordingApi()
    monkeypatch.setattr(api_client, "get_api_client", lambda: recording)
    for module in ("actions.language", "actions.conversation", "actions.faq"):
        monkeypatch.setattr(f"{module}.get_api_client", lambda: recording)
    return recording


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def make_tracker(
    *,
    slots: dict[str, Any] | None = None,
    intent: str = "greet",
    entities: list[dict[str, Any]] | None = None,
    metadata: dict[str, Any] | None = None,
    text: str = "moi",
    extra: dict[str, Any] | None = None,
) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.99},
        "entities": entities or [],
        "metadata": metadata or {},
        **(extra or {}),
    }
    events = [{"event": "user", "text": text, "input_channel": "rest", "parse_data": latest}]
    return Tracker(
        sender_id="rest-test-sender",
        slots={"language": None, "session_started_metadata": None, **(slots or {})},
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def entity(name: str, value: str) -> dict[str, Any]:
    return {"entity": name, "value": value, "start": 0, "end": 1, "extractor": "LanguageDetector"}
