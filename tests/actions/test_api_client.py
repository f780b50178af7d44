"""The action server's API client: each call goes to its route in actions/api_routes.py."""

from __future__ import annotations

import inspect
import re
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from actions import api_routes as routes
from actions.api_client import ApiClient
from actions.settings import ActionSettings
from tests.actions.conftest import RecordingApi

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
        self.status = 200
        self.reply: Any = {"ok": True}

    async def answer(self, request: web.Request) -> web.Response:
        body = await request.json() if request.can_read_body else None
        self.requests.append((request.method, request.path_qs, body))
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
