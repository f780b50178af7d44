"""Stand-ins for Rasa and the API, as local HTTP servers, for the bridge's own tests.

(The end-to-end Telegram tests in tests/integration/ use the real Rasa server and API.)
StubRasa echoes every message unless a test gave a canned answer; stopping it is Rasa down.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.support.local_server import LocalServer
from vocabulary.channels import channel_of

RASA_TOKEN = "stub-rasa-token"
SERVICE_TOKEN = "stub-service-token"


@dataclass
class StubRasa:
    received: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    canned: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)  # the `language` slot per sender
    tracker_reads: list[str] = field(default_factory=list)
    server: LocalServer = field(init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.server = LocalServer(
            Starlette(
                routes=[
                    Route("/webhooks/rest/webhook", self._webhook, methods=["POST"]),
                    Route("/conversations/{sender}/tracker", self._tracker),
                ]
            )
        )

    @property
    def url(self) -> str:
        return self.server.url

    def messages(self) -> list[str]:
        with self._lock:
            return [message for _, message, _ in self.received]

    async def _webhook(self, request: Request) -> JSONResponse:
        body = await request.json()
        sender, message = body["sender"], body["message"]
        with self._lock:
            self.received.append((sender, message, body.get("metadata") or {}))
        replies = self.canned.get(message, [{"text": f"echo: {message}"}])
        return JSONResponse([{"recipient_id": sender, **reply} for reply in replies])

    async def _tracker(self, request: Request) -> Response:
        if request.query_params.get("token") != RASA_TOKEN:
            return JSONResponse({"message": "not authorised"}, status_code=401)
        sender = request.path_params["sender"]
        with self._lock:
            self.tracker_reads.append(sender)
        return JSONResponse(
            {"sender_id": sender, "slots": {"language": self.languages.get(sender)}}
        )


@dataclass
class StubApi:
    """The outbox endpoints of the API, and its public retention periods."""

    outbox: list[dict[str, Any]] = field(default_factory=list)
    # Who holds each claimed message (the API's claims, without their expiry), and every id
    # given back, in order.
    claims: dict[int, str] = field(default_factory=dict)
    released: list[int] = field(default_factory=list)
    # What GET /api/v1/retention answers; None: a 503.
    retention: dict[str, Any] | None = field(
        default_factory=lambda: {"answer_retention_days": 45, "faq_topic_retention_days": 45}
    )
    retention_reads: int = 0
    server: LocalServer = field(init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.server = LocalServer(
            Starlette(
                routes=[
                    Route("/api/v1/outbox/claim", self._claim, methods=["POST"]),
                    Route("/api/v1/outbox/release", self._release, methods=["POST"]),
                    Route("/api/v1/outbox/{id:int}/delivered", self._delivered, methods=["POST"]),
                    Route("/api/v1/retention", self._retention),
                ]
            )
        )

    @property
    def url(self) -> str:
        return self.server.url

    def queue(self, conversation_key: str, text: str, **fields: Any) -> int:
        """`fields`: more of the API's OutboxMessageOut (purpose, step, pilot_invitation_id)."""
        with self._lock:
            message_id = len(self.outbox) + 1
            self.outbox.append(
                {"id": message_id, "conversation_key": conversation_key, "text": text,
                 "created_at": "2026-12-01T08:00:00Z", "purpose": "reminder", "step": None,
                 "pilot_invitation_id": None, **fields, "delivered": False}
            )  # fmt: skip
        return message_id

    def delivered(self) -> list[int]:
        with self._lock:
            return [m["id"] for m in self.outbox if m["delivered"]]

    @staticmethod
    def _authorised(request: Request) -> bool:
        return request.headers.get("authorization") == f"Bearer {SERVICE_TOKEN}"

    async def _claim(self, request: Request) -> Response:
        if not self._authorised(request):
            return Response(status_code=401)
        body = await request.json()
        assert body["channel"] == "telegram" and body["claimant"]
        with self._lock:
            pending = [
                {k: v for k, v in m.items() if k != "delivered"}
                for m in self.outbox
                if not m["delivered"]
                and channel_of(m["conversation_key"]) == "telegram"
                and self.claims.get(m["id"], body["claimant"]) == body["claimant"]
            ]
            self.claims.update((m["id"], body["claimant"]) for m in pending)
        return JSONResponse(pending)

    async def _release(self, request: Request) -> Response:
        if not self._authorised(request):
            return Response(status_code=401)
        body = await request.json()
        with self._lock:
            for message_id in body["ids"]:
                if self.claims.get(message_id) == body["claimant"]:
                    del self.claims[message_id]
                self.released.append(message_id)
        return Response(status_code=204)

    async def _delivered(self, request: Request) -> Response:
        if not self._authorised(request):
            return Response(status_code=401)
        with self._lock:
            for message in self.outbox:
                if message["id"] == request.path_params["id"]:
                    message["delivered"] = True
                    return Response(status_code=204)
        return Response(status_code=404)

    async def _retention(self, request: Request) -> Response:
        with self._lock:
            self.retention_reads += 1
            retention = self.retention
        if retention is None:
            return JSONResponse({"detail": "unavailable"}, status_code=503)
        return JSONResponse(retention)
