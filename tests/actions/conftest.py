"""Fixtures of the action tests: trackers, a dispatcher and a recording stand-in for the API."""

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import api_client
from actions import api_routes as routes
from actions.api_client import ApiReply
from actions.api_routes import Route, missing
from vocabulary.meetings import SECTIONS

VALID_CODE = "K7QM-4TXD-9RWB-E"
RETENTION_DAYS = 45  # not the default 30: the texts must say what the API says
CONSENT_VERSION = "3"  # not the default 1: the version shown is the API's
CONVERSATION_DAYS = 21  # not the default 30: the log's period is the API's too


class RecordingApi:
    """Stands in for the API client: records calls instead of making HTTP requests.

    It serves only the routes of actions/api_routes.py, and every reply it gives has the fields
    the route says the actions read, so it answers as the API does (tests/contract/ checks the
    same routes against the API's OpenAPI schema).
    """

    def __init__(self) -> None:
        self.calls: list[Route] = []
        self.conversations: list[tuple[str, str | None, str | None]] = []
        self.faq_calls: list[tuple[str, str]] = []
        self.down = False
        # Meeting preparation: one meeting, opened with VALID_CODE; answers as the API
        # stores them (this stand-in "redacts" by upper-casing, to show which text is used).
        self.meeting: dict[str, Any] | None = None
        self.editable = True
        self.stored: list[tuple[str, str, bool]] = []
        self.topics_asked: list[str] = []
        # Messages the assistant did not understand: (text, language, kind) as sent.
        self.missed: list[tuple[str, str, str]] = []
        # The pulse survey: the offers asked for, whether the API allows them (the weekly
        # limit), the invitation after a held meeting (its step), and the answers stored.
        self.offers: list[tuple[str, str, str, str]] = []
        self.allow_unasked = True
        self.invitation: str | None = None
        self.pulse_answers: list[dict[str, Any]] = []
        self.pulse_pending: dict[str, dict[str, Any]] = {}
        # Proposals: the suggested theme, what is stored, and each theme's "we did".
        self.suggested_theme = "digital_services"
        self.proposals: list[tuple[str, str, str, str]] = []
        self.theme_actions_done: list[dict[str, str]] = []
        # The developer-client panel: this stand-in's members by conversation, the bodies it
        # was sent, and pilot invitations by id (each for any conversation).
        self.consent_version = CONSENT_VERSION
        self.panel_members: dict[str, dict[str, Any]] = {}
        self.panel_joins: list[dict[str, Any]] = []
        self.invitations: dict[str, dict[str, Any]] = {}
        self.pilot_answers: list[tuple[str, str, str]] = []
        # The write queue, as the real client keeps it: while the API is down, a write of a
        # queued route waits there (its reply says so); the routes of the writes kept.
        self.queued: list[Route] = []

    def waiting_writes(self, conversation_key: str) -> int:
        return len(self.queued)

    def _reply(self, route: Route, status: int | None, body: dict[str, Any] | None) -> ApiReply:
        assert route in routes.ROUTES
        if status is None and route.queued:
            behind = bool(self.queued)
            self.queued.append(route)
            return ApiReply(None, None, queued=True, behind=behind)
        if status is not None and 200 <= status < 300:
            assert missing(route.reads, body) == [], f"{route.path} lacks fields the actions read"
        return ApiReply(status, body)

    def _meeting_reply(self, route: Route) -> ApiReply:
        self.calls.append(route)
        if self.down:
            return self._reply(route, None, None)
        if self.meeting is None:
            return self._reply(route, 404, {"detail": {"reason": "none"}})
        return self._reply(route, 200, {**self.meeting, "editable": self.editable})

    def open_meeting(self, consent: bool | None = None, confirmed: bool = False) -> None:
        self.meeting = {
            "meeting_id": "m1",
            "advisor_name": "Aino Asiantuntija",
            "starts_at": "2026-02-16T08:00:00+00:00",
            "language": "sv",
            "consent": consent,
            "confirmed": confirmed,
            "answers": {section: [] for section in SECTIONS},
            "answer_retention_days": RETENTION_DAYS,
        }

    async def redeem_invite(self, conversation_key: str, invite_code: str) -> ApiReply:
        route = routes.REDEEM_INVITE
        if invite_code != VALID_CODE and not self.down:
            self.calls.append(route)
            return self._reply(route, 404, {"detail": {"reason": "invalid"}})
        if self.meeting is None:
            self.open_meeting()
        return self._meeting_reply(route)

    async def client_meeting(self, conversation_key: str) -> ApiReply:
        return self._meeting_reply(routes.CLIENT_MEETING)

    async def set_consent(self, conversation_key: str, consent: bool) -> ApiReply:
        if self.meeting is not None and not self.down:
            self.meeting["consent"] = consent
        return self._meeting_reply(routes.SET_CONSENT)

    async def store_answer(
        self, conversation_key: str, section: str, text: str, language: str, replace: bool
    ) -> ApiReply:
        route = routes.STORE_ANSWER
        self.calls.append(route)
        if self.down:
            return self._reply(route, None, None)
        if not self.editable:
            return self._reply(route, 409, {"detail": {"reason": "closed"}})
        assert self.meeting is not None
        self.stored.append((section, text, replace))
        answers = self.meeting["answers"][section]
        if replace:
            answers.clear()
        answers.append({"text": text.upper(), "at": "2026-02-15T10:00:00+00:00"})
        body = {"section": section, "text": text.upper(), "at": "2026-02-15T10:00:00+00:00"}
        return self._reply(route, 201, body)

    async def confirm_preparation(self, conversation_key: str) -> ApiReply:
        if self.meeting is not None:
            self.meeting["confirmed"] = True
        return self._meeting_reply(routes.CONFIRM_PREPARATION)

    async def delete_preparation(self, conversation_key: str) -> ApiReply:
        if self.meeting is not None and not self.down:
            self.meeting["answers"] = {section: [] for section in SECTIONS}
            self.meeting["consent"] = False
        return self._meeting_reply(routes.DELETE_PREPARATION)

    async def record_faq_topic(self, conversation_key: str, topic: str) -> None:
        self.calls.append(routes.RECORD_FAQ_TOPIC)
        self.topics_asked.append(topic)

    async def record_faq_missed(self, text: str, language: str, kind: str) -> None:
        self.calls.append(routes.RECORD_FAQ_MISSED)
        self.missed.append((text, language, kind))

    async def faq_answer(self, topic: str, language: str) -> dict[str, Any] | None:
        route = routes.FAQ_ANSWER
        self.calls.append(route)
        self.faq_calls.append((topic, language))
        if self.down:
            return None
        body = {
            "topic": topic,
            "title": topic.title(),
            "language": language,
            "text": f"{topic} in {language}",
            "related": [{"topic": "other", "title": "Related"}],
            "advisor_prompt": f"Ask your advisor ({language})",
        }
        return self._reply(route, 200, body).body

    async def faq_suggestions(self, topics: list[str], language: str) -> dict[str, Any] | None:
        route = routes.FAQ_SUGGESTIONS
        self.calls.append(route)
        if self.down:
            return None
        body = {
            "text": f"did you mean ({language})",
            "topics": [{"topic": t, "title": t.replace("_", " ").title()} for t in topics],
        }
        return self._reply(route, 200, body).body

    async def pulse_offer(
        self, conversation_key: str, offer_kind: str, channel: str, language: str
    ) -> ApiReply:
        route = routes.PULSE_OFFER
        self.calls.append(route)
        if self.down:
            return self._reply(route, None, None)
        self.offers.append((conversation_key, offer_kind, channel, language))
        step = None
        if offer_kind == "on_request":
            offered = True
        elif offer_kind == "after_meeting":
            offered, step = self.invitation is not None and self.allow_unasked, self.invitation
            self.invitation = None if offered else self.invitation  # consumed
        else:
            offered = self.allow_unasked
        return self._reply(route, 200, {"offered": offered, "step": step if offered else None})

    async def keep_pulse_pending(self, conversation_key: str, answer: dict[str, Any]) -> ApiReply:
        route = routes.PULSE_PENDING
        self.calls.append(route)
        assert set(answer) == set(route.sends), "the answer is sent as the route says"
        if self.down:
            return self._reply(route, None, None)
        self.pulse_pending[conversation_key] = answer
        return self._reply(route, 204, None)

    async def submit_pulse(self, conversation_key: str, answer: dict[str, Any]) -> ApiReply:
        route = routes.PULSE_SUBMIT
        self.calls.append(route)
        assert set(answer) == set(route.sends), "the answer is sent as the route says"
        if self.down:
            return self._reply(route, None, None)
        self.pulse_pending.pop(conversation_key, None)
        self.pulse_answers.append(answer)
        return self._reply(route, 201, {})

    async def proposal_theme(self, text: str, language: str) -> str | None:
        route = routes.PROPOSAL_THEME
        self.calls.append(route)
        if self.down:
            return None
        body = self._reply(route, 200, {"theme": self.suggested_theme}).body
        return str(body["theme"]) if body else None

    async def store_proposal(self, text: str, theme: str, language: str, channel: str) -> ApiReply:
        route = routes.STORE_PROPOSAL
        self.calls.append(route)
        if self.down:
            return self._reply(route, None, None)
        self.proposals.append((text, theme, language, channel))
        done = [
            {"text": a["text"], "done_on": a["done_on"]}
            for a in self.theme_actions_done
            if a["theme"] == theme
        ][:3]
        return self._reply(route, 201, {"theme": theme, "actions": done})

    async def theme_actions(self, language: str) -> list[dict[str, Any]] | None:
        route = routes.THEME_ACTIONS
        self.calls.append(route)
        if self.down:
            return None
        items: list[dict[str, Any]] = [dict(a) for a in self.theme_actions_done]
        assert missing(route.reads, items) == [], f"{route.path} lacks fields the actions read"
        return items

    async def record_conversation(
        self, conversation_key: str, channel: str | None, language: str | None
    ) -> None:
        self.calls.append(routes.RECORD_CONVERSATION)
        self.conversations.append((conversation_key, channel, language))

    # The developer-client panel.
    def _panel_body(self, conversation_key: str) -> dict[str, Any]:
        member = self.panel_members.get(conversation_key)
        return {
            "member": member is not None,
            "consent_version": self.consent_version,
            "contact_channels": ["telegram", "email"]
            if conversation_key.startswith("tg-")
            else ["email"],
            "interests": member["interests"] if member else [],
            "languages": member["languages"] if member else [],
            "contact_channel": member["contact_channel"] if member else None,
            "joined_on": "2026-12-01" if member else None,
        }

    def _panel_reply(
        self, route: Route, conversation_key: str, refusal: tuple[int, str] | None = None
    ) -> ApiReply:
        self.calls.append(route)
        if self.down:
            return self._reply(route, None, None)
        if refusal is not None:
            return self._reply(route, refusal[0], {"detail": {"reason": refusal[1]}})
        return self._reply(route, 200, self._panel_body(conversation_key))

    async def panel_status(self, conversation_key: str) -> ApiReply:
        return self._panel_reply(routes.PANEL_STATUS, conversation_key)

    async def join_panel(self, conversation_key: str, body: dict[str, Any]) -> ApiReply:
        route = routes.JOIN_PANEL
        assert set(body) == set(route.sends)
        if not self.down:
            self.panel_joins.append(body)
        if body["consent_version"] != self.consent_version:
            return self._panel_reply(route, conversation_key, (409, "consent_outdated"))
        if body["contact_channel"] == "email" and "@" not in (body["email"] or ""):
            return self._panel_reply(route, conversation_key, (422, "invalid_email"))
        if not self.down:
            self.panel_members[conversation_key] = body
        return self._panel_reply(route, conversation_key)

    async def leave_panel(self, conversation_key: str) -> ApiReply:
        route = routes.LEAVE_PANEL
        if conversation_key not in self.panel_members:
            return self._panel_reply(route, conversation_key, (404, "not_member"))
        if not self.down:
            del self.panel_members[conversation_key]
        return self._panel_reply(route, conversation_key)

    def add_invitation(
        self, invitation_id: str, *, open: bool = True, answer: str | None = None
    ) -> None:
        self.invitations[invitation_id] = {
            "invitation_id": invitation_id,
            "title": "Verkkoasioinnin kokeilu",
            "text": "Testaa uutta {palvelua}.",  # braces: the staff's words are not a template
            "answer_by": "2026-12-20",
            "answer": answer,
            "open": open,
        }

    def _invitation_reply(self, route: Route, invitation_id: str) -> ApiReply:
        self.calls.append(route)
        if self.down:
            return self._reply(route, None, None)
        if invitation_id not in self.invitations:
            return self._reply(route, 404, {"detail": {"reason": "no_invitation"}})
        return self._reply(route, 200, self.invitations[invitation_id])

    async def pilot_invitation(
        self, conversation_key: str, invitation_id: str, language: str
    ) -> ApiReply:
        return self._invitation_reply(routes.PILOT_INVITATION, invitation_id)

    async def answer_pilot_invitation(
        self, conversation_key: str, invitation_id: str, answer: str, language: str
    ) -> ApiReply:
        route = routes.ANSWER_PILOT_INVITATION
        found = self.invitations.get(invitation_id)
        if found is not None and not found["open"] and not self.down:
            self.calls.append(route)
            return self._reply(route, 409, {"detail": {"reason": "answer_by_passed"}})
        if found is not None and not self.down:
            found["answer"] = answer
            self.pilot_answers.append((conversation_key, invitation_id, answer))
        return self._invitation_reply(route, invitation_id)

    # The client's own data: what the API says is stored, copies, and the erasure.
    def my_data_body(self) -> dict[str, Any]:
        meeting = self.meeting
        return {
            "meetings": []
            if meeting is None
            else [
                {
                    "advisor_name": meeting["advisor_name"],
                    "starts_at": meeting["starts_at"],
                    "consent": meeting["consent"],
                    "answers": [
                        {"section": section, "text": a["text"], "at": a["at"]}
                        for section, answers in meeting["answers"].items()
                        for a in answers
                    ],
                }
            ],
            "panel": self.panel_members.get("tg-0123456789abcdef"),
            "faq_topics": [
                {"topic": t, "at": "2026-02-15T10:00:00+00:00"} for t in self.topics_asked
            ],
            "retention": {
                "answer_retention_days": RETENTION_DAYS,
                "conversation_retention_days": CONVERSATION_DAYS,
                "faq_topic_retention_days": RETENTION_DAYS,
            },
        }

    async def my_data(self, conversation_key: str) -> ApiReply:
        route = routes.MY_DATA_SUMMARY
        self.calls.append(route)
        if self.down:
            return self._reply(route, None, None)
        return self._reply(route, 200, self.my_data_body())

    async def my_data_link(self, conversation_key: str, language: str) -> ApiReply:
        route = routes.MY_DATA_LINK
        self.calls.append(route)
        if self.down:
            return self._reply(route, None, None)
        body = {"url": "https://k.example/api/v1/my-data/t0k3n", "valid_minutes": 10}
        return self._reply(route, 201, body)

    async def my_data_text(self, conversation_key: str, language: str) -> str | None:
        self.calls.append(routes.MY_DATA_TEXT)
        return None if self.down else f"copy in {language}\n\nsecond part\n"

    async def erase_my_data(self, conversation_key: str) -> ApiReply:
        route = routes.ERASE_MY_DATA
        self.calls.append(route)
        if self.down:
            return self._reply(route, None, None)
        self.meeting = None
        self.panel_members.pop(conversation_key, None)
        return self._reply(route, 200, {"meeting_answers": 1, "panel_membership": False})


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> RecordingApi:
    recording = RecordingApi()
    monkeypatch.setattr(api_client, "get_api_client", lambda: recording)
    modules = (
        "actions.language",
        "actions.conversation",
        "actions.faq",
        "actions.meeting_preparation",
        "actions.meeting_preparation_form",
        "actions.pulse",
        "actions.proposals",
        "actions.panel",
        "actions.my_data",
        "actions.queued",
    )
    for module in modules:
        monkeypatch.setattr(f"{module}.get_api_client", lambda: recording)
    return recording


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def make_tracker(
    *,
    sender_id: str = "rest-test-sender",
    slots: dict[str, Any] | None = None,
    intent: str = "greet",
    entities: list[dict[str, Any]] | None = None,
    metadata: dict[str, Any] | None = None,
    text: str = "moi",
    extra: dict[str, Any] | None = None,
    confidence: float = 0.99,
    active_loop: str | None = None,
    slot_candidates: dict[str, Any] | None = None,
) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": entities or [],
        "metadata": metadata or {},
        **(extra or {}),
    }
    events = [{"event": "user", "text": text, "input_channel": "rest", "parse_data": latest}]
    # Rasa appends the slots it extracted from the message; a form validates those.
    events += [{"event": "slot", "name": k, "value": v} for k, v in (slot_candidates or {}).items()]
    return Tracker(
        sender_id=sender_id,
        slots={"language": None, "session_started_metadata": None, **(slots or {})},
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def entity(name: str, value: str) -> dict[str, Any]:
    return {"entity": name, "value": value, "start": 0, "end": 1, "extractor": "LanguageDetector"}
