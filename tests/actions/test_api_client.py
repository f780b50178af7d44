"""The action server's API client: each call goes to its route in actions/api_routes.py."""

from __future__ import annotations

import inspect
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from actions import api_routes as routes
from actions import idempotency
from actions.api_client import ApiClient
from actions.idempotency import ActionRun
from actions.settings import ActionSettings
from actions.write_queue import WriteQueue, conversation_of
from tests.actions.conftest import RecordingApi
from vocabulary.idempotency import HEADER, KEY_FORMAT

pytestmark = pytest.mark.anyio
KEY = "tg-abc123"
# No conversation key: the answer is anonymous.
PULSE_ANSWER = {
    "offer_kind": "after_meeting",
    "step": "initial_interview",
    "channel": "telegram",
    "language": "fi",
    "outcome": "partly",
    "rating": 4,
    "went_well": ["quick"],
    "to_improve": [],
    "went_well_text": None,
    "to_improve_text": "ODOTIN KAUAN",
}


class Received:
    def __init__(self) -> None:
        self.requests: list[tuple[str, str, Any]] = []
        self.keys: list[str | None] = []
        self.status = 200
        self.reply: Any = {"ok": True}

    async def answer(self, request: web.Request) -> web.Response:
        body = await request.json() if request.can_read_body else None
        self.requests.append((request.method, request.path_qs, body))
        self.keys.append(request.headers.get(HEADER))
        return web.json_response(self.reply, status=self.status)


@pytest.fixture
async def api() -> AsyncIterator[tuple[ApiClient, Received]]:
    received = Received()
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", received.answer)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    client = ApiClient(ActionSettings(api_url=str(server.make_url("")).rstrip("/")))
    try:
        yield client, received
    finally:
        await client._client().close()
        await server.close()


async def test_each_call_goes_to_its_route(api: tuple[ApiClient, Received]) -> None:
    client, received = api
    await client.record_conversation(KEY, "telegram", "sv")
    await client.faq_answer("appeal", "sv")
    await client.faq_suggestions(["appeal", "sanctions"], "en")
    await client.record_faq_topic(KEY, "appeal")
    await client.record_faq_missed("saako lomalla käydä", "fi", "fallback")
    await client.redeem_invite(KEY, "K7QM-4TXD-9RWB-E")
    await client.client_meeting(KEY)
    await client.set_consent(KEY, True)
    await client.store_answer(KEY, "goals", "töihin", "fi", False)
    await client.confirm_preparation(KEY)
    await client.delete_preparation(KEY)
    await client.pulse_offer(KEY, "after_meeting", "telegram", "fi")
    await client.keep_pulse_pending(KEY, PULSE_ANSWER)
    await client.submit_pulse(KEY, PULSE_ANSWER)
    await client.proposal_theme("lisää iltavastaanottoja", "fi")
    await client.store_proposal("lisää iltavastaanottoja", "meetings_guidance", "fi", "web")
    await client.theme_actions("sv")
    join = {"consent_version": "1", "interests": ["training"], "languages": ["fi"],
            "contact_channel": "email", "email": "a@b.fi", "language": "fi"}  # fmt: skip
    await client.panel_status(KEY)
    await client.join_panel(KEY, join)
    await client.leave_panel(KEY)
    await client.pilot_invitation(KEY, "inv/1", "sv")
    await client.answer_pilot_invitation(KEY, "inv/1", "yes", "sv")
    await client.my_data(KEY)
    assert await client.my_data_text(KEY, "sv") == '{"ok": true}'  # the API's text, as it is
    await client.my_data_link(KEY, "en")
    await client.erase_my_data(KEY)
    mine = f"/api/v1/conversations/{KEY}/my-data"
    meeting = f"/api/v1/conversations/{KEY}/meeting"
    panel = f"/api/v1/conversations/{KEY}/panel"
    assert received.requests == [
        ("PUT", f"/api/v1/conversations/{KEY}", {"channel": "telegram", "language": "sv"}),
        ("GET", "/api/v1/faq/appeal?language=sv", None),
        ("GET", "/api/v1/faq-suggestions?topics=appeal&topics=sanctions&language=en", None),
        ("POST", f"/api/v1/conversations/{KEY}/faq-topics", {"topic": "appeal"}),
        (
            "POST",
            "/api/v1/faq-missed",
            {"text": "saako lomalla käydä", "language": "fi", "kind": "fallback"},
        ),
        ("POST", meeting, {"invite_code": "K7QM-4TXD-9RWB-E"}),
        ("GET", meeting, None),
        ("PUT", f"{meeting}/consent", {"consent": True}),
        (
            "POST",
            f"{meeting}/answers",
            {"section": "goals", "text": "töihin", "language": "fi", "replace": False},
        ),
        ("POST", f"{meeting}/confirm", None),
        ("DELETE", f"{meeting}/preparation", None),
        (
            "POST",
            "/api/v1/pulse/offers",
            {
                "conversation_key": KEY,
                "offer_kind": "after_meeting",
                "channel": "telegram",
                "language": "fi",
            },
        ),
        ("PUT", f"/api/v1/pulse/pending/{KEY}", PULSE_ANSWER),
        ("POST", f"/api/v1/pulse/pending/{KEY}/submit", PULSE_ANSWER),
        ("POST", "/api/v1/proposals/theme", {"text": "lisää iltavastaanottoja", "language": "fi"}),
        (
            "POST",
            "/api/v1/proposals",
            {
                "text": "lisää iltavastaanottoja",
                "theme": "meetings_guidance",
                "language": "fi",
                "channel": "web",
            },
        ),
        ("GET", "/api/v1/theme-actions?language=sv", None),
        ("GET", panel, None),
        ("PUT", panel, join),
        ("DELETE", panel, None),
        ("GET", f"{panel}/invitations/inv%2F1?language=sv", None),
        ("PUT", f"{panel}/invitations/inv%2F1?language=sv", {"answer": "yes"}),
        ("GET", mine, None),
        ("GET", f"{mine}/text?language=sv", None),
        ("POST", f"{mine}/link", {"language": "en"}),
        ("DELETE", mine, None),
    ]
    # Every write carries an idempotency key, each its own; reads none.
    sent = list(zip([method for method, _, _ in received.requests], received.keys, strict=True))
    writes = [key for method, key in sent if method != "GET"]
    assert all(key is not None and KEY_FORMAT.fullmatch(key) for key in writes)
    assert len(set(writes)) == len(writes)
    assert all(key is None for method, key in sent if method == "GET")
    # What is sent is what the routes declare (and the contract test checks).
    for (method, path, body), route in zip(received.requests, routes.ROUTES, strict=True):
        template = re.sub(r"\\\{\w+\\\}", "[^/?]+", re.escape(route.path))
        assert method == route.method
        assert re.fullmatch(rf"{template}(\?.*)?", path)
        assert sorted(parse_qs(urlsplit(path).query)) == sorted(route.query)
        assert sorted(body or {}) == sorted(route.sends)


async def test_a_server_error_counts_as_unreachable(api: tuple[ApiClient, Received]) -> None:
    client, received = api
    received.status = 503
    reply = await client.client_meeting(KEY)
    assert (reply.status, reply.body, reply.ok) == (None, None, False)
    assert await client.faq_answer("appeal", "fi") is None


async def test_a_refusal_gives_its_reason(api: tuple[ApiClient, Received]) -> None:
    client, received = api
    received.status = 404
    reply = await client.client_meeting(KEY)
    assert (reply.status, reply.ok, reply.reason) == (404, False, None)


def test_the_stand_in_has_every_call_of_the_client() -> None:
    calls = {
        name: inspect.signature(member, eval_str=True)
        for name, member in inspect.getmembers(ApiClient, inspect.iscoroutinefunction)
        if not name.startswith("_") and name not in ("call", "request")
    }
    assert calls
    for name, signature in calls.items():
        assert inspect.signature(getattr(RecordingApi, name), eval_str=True) == signature, name


async def test_a_reply_that_is_a_list_is_read_as_items(api: tuple[ApiClient, Received]) -> None:
    client, received = api
    received.reply = [{"theme": "training", "text": "Uusi kurssi", "done_on": "2026-11-02"}]
    assert await client.theme_actions("fi") == received.reply
    received.reply = {"not": "a list"}
    assert await client.theme_actions("fi") is None
    received.reply = {"theme": "training"}
    assert await client.proposal_theme("kurssi", "fi") == "training"


RUN = ActionRun(KEY, "message-1", "validate_meeting_preparation_form", 2)


@pytest.fixture
def in_action() -> Iterator[None]:
    token = idempotency.CURRENT.set(RUN)
    yield
    idempotency.CURRENT.reset(token)


@pytest.mark.usefixtures("in_action")
async def test_the_same_write_of_an_action_run_sends_the_same_key(
    api: tuple[ApiClient, Received],
) -> None:
    client, received = api
    await client.store_answer(KEY, "goals", "töihin", "fi", False)
    await client.store_answer(KEY, "goals", "töihin", "fi", False)  # Rasa runs it again
    await client.store_answer(KEY, "concerns", "raha", "fi", False)
    assert received.keys[0] == received.keys[1] != received.keys[2]


class Clock:
    def __init__(self) -> None:
        self.moment = 5_000.0

    def now(self) -> float:
        return self.moment


@pytest.fixture
async def queued(
    tmp_path: Path, api: tuple[ApiClient, Received]
) -> AsyncIterator[tuple[ApiClient, Received, WriteQueue, Clock]]:
    """The client with a write queue of its own, in an action run of conversation KEY."""
    plain, received = api
    clock = Clock()
    queue = WriteQueue(tmp_path / "queue.db", "a queue key, long enough", clock.now)
    client = ApiClient(plain.settings, queue)
    token = idempotency.CURRENT.set(RUN)
    try:
        yield client, received, queue, clock
    finally:
        idempotency.CURRENT.reset(token)
        await client._client().close()
        queue.close()


async def test_a_write_the_api_cannot_take_is_queued_and_delivered_in_order_with_its_key(
    queued: tuple[ApiClient, Received, WriteQueue, Clock],
) -> None:
    client, received, queue, clock = queued
    lane = conversation_of(KEY)
    received.status = 503  # "database is locked", say
    first = await client.store_answer(KEY, "goals", "töihin", "fi", False)
    assert (first.queued, first.behind, first.ok) == (True, False, False)
    assert queue.waiting(lane) == 1 and len(received.requests) == 1
    # While it waits (and is not due), the next writes line up behind it, not sent at all.
    second = await client.store_answer(KEY, "concerns", "raha", "fi", False)
    confirmed = await client.confirm_preparation(KEY)
    assert (second.queued, second.behind, confirmed.queued) == (True, True, True)
    assert len(received.requests) == 1 and queue.waiting(lane) == 3
    # A read goes to the API (nothing is due yet), and a write that is not queued too.
    assert (await client.client_meeting(KEY)).status is None
    assert (await client.redeem_invite(KEY, "K7QM-4TXD-9RWB-E")).queued is False
    assert len(received.requests) == 3
    # The API is back and the first write is due: the next call delivers the backlog first.
    received.status = 200
    clock.moment += 60
    reply = await client.client_meeting(KEY)
    assert reply.ok and queue.waiting(lane) == 0
    delivered = received.requests[3:6]
    assert [(m, p.rsplit("/", 1)[-1], (b or {}).get("section")) for m, p, b in delivered] == [
        ("POST", "answers", "goals"),
        ("POST", "answers", "concerns"),
        ("POST", "confirm", None),
    ]
    assert received.keys[3] == received.keys[0]  # the first attempt's key, again
    assert received.requests[6][0] == "GET"


async def test_a_read_or_a_write_that_needs_its_reply_is_never_queued(
    queued: tuple[ApiClient, Received, WriteQueue, Clock],
) -> None:
    client, received, queue, _ = queued
    received.status = 503
    assert (await client.redeem_invite(KEY, "K7QM-4TXD-9RWB-E")).queued is False
    assert (await client.join_panel(KEY, {"email": "a@b.fi"})).queued is False
    assert (await client.my_data_link(KEY, "fi")).queued is False
    assert (await client.client_meeting(KEY)).queued is False
    assert queue.total() == 0
    assert {route for route in routes.ROUTES if route.queued} == {
        routes.RECORD_CONVERSATION,
        routes.RECORD_FAQ_TOPIC,
        routes.RECORD_FAQ_MISSED,
        routes.SET_CONSENT,
        routes.STORE_ANSWER,
        routes.CONFIRM_PREPARATION,
        routes.DELETE_PREPARATION,
        routes.PULSE_PENDING,
        routes.PULSE_SUBMIT,
        routes.STORE_PROPOSAL,
        routes.LEAVE_PANEL,
        routes.ANSWER_PILOT_INVITATION,
        routes.ERASE_MY_DATA,
    }
    assert all(route.method != "GET" for route in routes.ROUTES if route.queued)


async def test_a_refusal_is_an_answer_not_queued(
    queued: tuple[ApiClient, Received, WriteQueue, Clock],
) -> None:
    client, received, queue, _ = queued
    received.status, received.reply = 409, {"detail": {"reason": "closed"}}
    reply = await client.store_answer(KEY, "goals", "töihin", "fi", False)
    assert (reply.status, reply.reason, reply.queued) == (409, "closed", False)
    assert queue.total() == 0
