"""The API routes the action server calls: what it sends to each and which fields it reads.

One list for three readers, so that they cannot drift apart: the action server's client
(actions/api_client.py) builds its requests from it, the stand-in API of the action tests
(tests/actions/conftest.py) answers these routes with at least these fields, and
tests/contract/test_actions_api.py checks them against the API's own OpenAPI schema.
Dependency-free (the app environment imports it too).

A field is a dotted path into the JSON; `name[]` steps into the items of a list, and a
leading `[]` into the items of a reply that is itself a list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from vocabulary.meetings import SECTIONS


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # the OpenAPI path template, `{name}` for each path parameter
    query: tuple[str, ...] = ()  # query parameters sent
    sends: tuple[str, ...] = ()  # fields of the JSON body sent
    reads: tuple[str, ...] = ()  # fields of the JSON reply read
    # A write whose reply the dialogue can do without: when the API cannot take it, the
    # action server keeps it and delivers it later (actions/write_queue.py).
    queued: bool = False
    # Body fields that tell apart two writes to the route in one action run: part of the
    # write's idempotency key (actions/idempotency.py).
    key_fields: tuple[str, ...] = ()

    def url(self, **parameters: str) -> str:
        """The path with its parameters filled in (each quoted: they come from the chat)."""
        return self.path.format(**{k: quote(v, safe="") for k, v in parameters.items()})


CONVERSATION = "/api/v1/conversations/{conversation_key}"
MEETING = f"{CONVERSATION}/meeting"
# What the actions read of a ClientMeeting (the meeting bound to the conversation).
MEETING_READS = (
    "advisor_name",
    "starts_at",
    "language",
    "consent",
    "confirmed",
    "editable",
    "answer_retention_days",
    *(f"answers.{section}[].text" for section in SECTIONS),
)

RECORD_CONVERSATION = Route("PUT", CONVERSATION, sends=("channel", "language"), queued=True)
FAQ_ANSWER = Route(
    "GET",
    "/api/v1/faq/{topic}",
    query=("language",),
    reads=("text", "related[].topic", "related[].title", "advisor_prompt"),
)
FAQ_SUGGESTIONS = Route(
    "GET",
    "/api/v1/faq-suggestions",
    query=("topics", "language"),
    reads=("text", "topics[].topic", "topics[].title"),
)
RECORD_FAQ_TOPIC = Route("POST", f"{CONVERSATION}/faq-topics", sends=("topic",), queued=True)
# A message that ended in the fallback or "did you mean", for the content team (the API
# redacts it and stores it without the conversation's key).
RECORD_FAQ_MISSED = Route(
    "POST", "/api/v1/faq-missed", sends=("text", "language", "kind"), queued=True
)
REDEEM_INVITE = Route("POST", MEETING, sends=("invite_code",), reads=MEETING_READS)
CLIENT_MEETING = Route("GET", MEETING, reads=MEETING_READS)
SET_CONSENT = Route("PUT", f"{MEETING}/consent", sends=("consent",), queued=True)
STORE_ANSWER = Route(
    "POST",
    f"{MEETING}/answers",
    sends=("section", "text", "language", "replace"),
    reads=("text",),
    queued=True,
    key_fields=("section",),
)
CONFIRM_PREPARATION = Route("POST", f"{MEETING}/confirm", reads=("starts_at",), queued=True)
# Withdraws the consent and deletes the answers in one go.
DELETE_PREPARATION = Route("DELETE", f"{MEETING}/preparation", reads=MEETING_READS, queued=True)

# The pulse survey: the API decides whether it is offered (the weekly limit of the unasked
# kinds, the invitation after a held meeting and its service step); the answer is stored
# without the conversation's key (anonymous).
PULSE_OFFER = Route(
    "POST",
    "/api/v1/pulse/offers",
    sends=("conversation_key", "offer_kind", "channel", "language"),
    reads=("offered", "step"),
)
PULSE_ANSWER_FIELDS = (
    "offer_kind",
    "step",
    "channel",
    "language",
    "outcome",
    "rating",
    "went_well",
    "to_improve",
    "went_well_text",
    "to_improve_text",
)
# After each question, the answers so far (kept under a keyed hash, so that a survey left
# after two taps still counts); at the end the whole answer, stored without the key.
PULSE_PENDING = Route(
    "PUT", "/api/v1/pulse/pending/{conversation_key}", sends=PULSE_ANSWER_FIELDS, queued=True
)
PULSE_SUBMIT = Route(
    "POST",
    "/api/v1/pulse/pending/{conversation_key}/submit",
    sends=PULSE_ANSWER_FIELDS,
    queued=True,
)
# Proposals and "you said, we did": a suggested theme, the proposal stored (anonymous,
# redacted) with what was done in its theme, and the latest "we did".
PROPOSAL_THEME = Route(
    "POST", "/api/v1/proposals/theme", sends=("text", "language"), reads=("theme",)
)
STORE_PROPOSAL = Route(
    "POST",
    "/api/v1/proposals",
    sends=("text", "theme", "language", "channel"),
    reads=("theme", "actions[].text", "actions[].done_on"),
    queued=True,
)
THEME_ACTIONS = Route(
    "GET",
    "/api/v1/theme-actions",
    query=("language",),
    reads=("[].theme", "[].text", "[].done_on"),
)
# The developer-client panel, keyed by the conversation.
PANEL = f"{CONVERSATION}/panel"
PANEL_READS = ("member", "consent_version", "contact_channels", "contact_channel")
PANEL_STATUS = Route("GET", PANEL, reads=PANEL_READS)
JOIN_PANEL = Route(
    "PUT",
    PANEL,
    sends=("consent_version", "interests", "languages", "contact_channel", "email", "language"),
    reads=PANEL_READS,
)
LEAVE_PANEL = Route("DELETE", PANEL, reads=("member",), queued=True)
PILOT_INVITATION_PATH = f"{PANEL}/invitations/{{invitation_id}}"
PILOT_INVITATION_READS = ("invitation_id", "title", "text", "answer_by", "answer", "open")
PILOT_INVITATION = Route(
    "GET", PILOT_INVITATION_PATH, query=("language",), reads=PILOT_INVITATION_READS
)
ANSWER_PILOT_INVITATION = Route(
    "PUT",
    PILOT_INVITATION_PATH,
    query=("language",),
    sends=("answer",),
    reads=PILOT_INVITATION_READS,
    queued=True,
)

# The client's own data: what is stored (data, rendered by the action), a copy (a one-time
# link on the web; the text itself for Telegram) and "delete my data".
MY_DATA = f"{CONVERSATION}/my-data"
MY_DATA_READS = (
    "meetings[].advisor_name",
    "meetings[].starts_at",
    "meetings[].consent",
    "meetings[].answers[].section",
    "panel",
    "faq_topics[].topic",
    "retention.answer_retention_days",
    "retention.conversation_retention_days",
)
MY_DATA_SUMMARY = Route("GET", MY_DATA, reads=MY_DATA_READS)
MY_DATA_TEXT = Route("GET", f"{MY_DATA}/text", query=("language",))
MY_DATA_LINK = Route("POST", f"{MY_DATA}/link", sends=("language",), reads=("url", "valid_minutes"))
ERASE_MY_DATA = Route("DELETE", MY_DATA, reads=("meeting_answers", "panel_membership"), queued=True)

ROUTES = (
    RECORD_CONVERSATION,
    FAQ_ANSWER,
    FAQ_SUGGESTIONS,
    RECORD_FAQ_TOPIC,
    RECORD_FAQ_MISSED,
    REDEEM_INVITE,
    CLIENT_MEETING,
    SET_CONSENT,
    STORE_ANSWER,
    CONFIRM_PREPARATION,
    DELETE_PREPARATION,
    PULSE_OFFER,
    PULSE_PENDING,
    PULSE_SUBMIT,
    PROPOSAL_THEME,
    STORE_PROPOSAL,
    THEME_ACTIONS,
    PANEL_STATUS,
    JOIN_PANEL,
    LEAVE_PANEL,
    PILOT_INVITATION,
    ANSWER_PILOT_INVITATION,
    MY_DATA_SUMMARY,
    MY_DATA_TEXT,
    MY_DATA_LINK,
    ERASE_MY_DATA,
)


def steps(field: str) -> list[tuple[str, bool]]:
    """`related[].topic` -> [("related", True), ("topic", False)]: each name, and whether the
    value there is a list whose items the next step reads. The name "" (`[].theme`) is the
    value itself: a reply that is a list."""
    return [(part.removesuffix("[]"), part.endswith("[]")) for part in field.split(".")]


def missing(fields: tuple[str, ...], body: Any) -> list[str]:
    """The fields that a JSON value lacks (an empty list lacks nothing below it)."""

    def has(value: Any, rest: list[tuple[str, bool]]) -> bool:
        if not rest:
            return True
        (name, is_list), tail = rest[0], rest[1:]
        if name == "":  # the value itself (a reply that is a list)
            here = value
        elif isinstance(value, dict) and name in value:
            here = value[name]
        else:
            return False
        if not is_list:
            return has(here, tail)
        return isinstance(here, list) and all(has(item, tail) for item in here)

    return [field for field in fields if not has(body, steps(field))]
