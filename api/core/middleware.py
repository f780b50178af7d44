"""The two ASGI middlewares every request passes: a body size limit, and the security headers.

`BodyLimit` answers 413 before the route parses anything: at once when Content-Length says
the body is too large, and as soon as a body sent without one (chunked) grows past the limit.

`SecurityHeaders` is the one place that sets the security headers of every response: the
Content-Security-Policy of the kind of page (the chat page and its privacy notice, the staff
UIs, the JSON API), frame-ancestors in it, Referrer-Policy, X-Content-Type-Options, no
caching of staff pages, and Strict-Transport-Security when the request came over HTTPS
(uvicorn takes the scheme from the proxy's X-Forwarded-Proto).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import suppress

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core.settings import ApiSettings

HSTS = "max-age=31536000; includeSubDomains"
STAFF_PREFIXES = ("/advisor", "/analyst", "/admin", "/editor")
# FastAPI's interactive docs load their scripts from a CDN: left without a policy (and off
# in production mode, see api.main).
DOCS_PATHS = frozenset({"/docs", "/docs/oauth2-redirect", "/redoc"})
# No scripts at all but our own; styles and images from here only; forms post only here.
STAFF_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"


class BodyTooLarge(Exception):
    """Raised into the route when the body grows past the limit; the 413 is already sent."""


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await self.refuse(send)
            return
        received = 0
        started = refused = False

        async def counting_receive() -> Message:
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request" and not refused:
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # The route may catch any error reading the body (FastAPI answers 400):
                    # the 413 is sent here, and whatever the route answers is dropped.
                    refused = True
                    if not started:
                        await self.refuse(send)
                    raise BodyTooLarge
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        with suppress(BodyTooLarge):
            await self.app(scope, counting_receive, watching_send)

    async def refuse(self, send: Send) -> None:
        body = json.dumps({"detail": f"request body larger than {self.max_bytes} bytes"}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def chat_policy(settings: ApiSettings, *, scripts: bool) -> str:
    """No inline scripts or styles anywhere; the chat page talks only to itself and to the Rasa
    server; only this site and the configured employment-area sites may frame it."""
    framers = " ".join(["'self'", *settings.embed_origins.split()])
    script = "script-src 'self'" if scripts else "script-src 'none'"
    connect = f"connect-src 'self' {settings.public_rasa_url}" if scripts else "connect-src 'none'"
    return (
        f"default-src 'self'; {script}; style-src 'self'; img-src 'self'; {connect}; "
        f"form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors {framers}"
    )


def is_staff_path(path: str) -> bool:
    return any(path == prefix or path.startswith(f"{prefix}/") for prefix in STAFF_PREFIXES)


def policy_for(path: str, settings: ApiSettings) -> str | None:
    """The Content-Security-Policy of the page or answer at `path` (None: the docs)."""
    if path in DOCS_PATHS:
        return None
    if path == "/":
        return chat_policy(settings, scripts=True)
    if path == "/privacy" or path.startswith(("/privacy/", "/static/")) or path == "/embed.js":
        return chat_policy(settings, scripts=False)
    if is_staff_path(path):
        return STAFF_POLICY
    return API_POLICY


class SecurityHeaders:
    def __init__(
        self, app: ASGIApp, settings: ApiSettings, policy: Callable[[str, ApiSettings], str | None]
    ) -> None:
        self.app = app
        self.settings = settings
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        policy = self.policy(path, self.settings)
        https = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if policy is not None:
                    headers["Content-Security-Policy"] = policy
                headers["Referrer-Policy"] = "no-referrer"
                headers["X-Content-Type-Options"] = "nosniff"
                if is_staff_path(path):
                    # Staff pages hold clients' words and contacts: never cached.
                    headers["Cache-Control"] = "no-store"
                if https:
                    headers["Strict-Transport-Security"] = HSTS
            await send(message)

        await self.app(scope, receive, send_with_headers)
