"""Idempotency keys: a write tried again is answered, not done again.

The action server sends `Idempotency-Key: <key>` with every write (POST, PUT, PATCH, DELETE)
it makes, the same key whenever it tries the same write again: after a timeout, from its
queue of writes that could not reach the API, or when Rasa runs the action again for the same
message (actions/idempotency.py says how the key is made). This ASGI middleware, the one
place that handles it:

- runs the request in one database transaction it opens itself (`connection_of`: the
  request's session joins it, api.deps.get_session; the route's own commits become
  savepoints), and stores the answer (status and body) under a hash of the key in that same
  transaction, so the write and its key commit together or not at all;
- answers a request whose key is stored with the stored answer (and `Idempotent-Replayed:
  true`), without running the route; the same key with another request (method, path, body)
  is refused with 422 `idempotency_key_reused`;
- stores every answer below 500 (a refusal may have written, e.g. a wrong invite code is
  counted, and the same request must not count twice); a 5xx, an error, or a database too
  busy to commit stores nothing and rolls the write back (503 for the last), so that trying
  again does the write.

Only callers with the service token are served so (a key of anyone else is ignored and the
route's own authentication answers); requests without a key pass through untouched. On
SQLite the transaction is `BEGIN IMMEDIATE`: it takes the write lock at once, so two
requests with the same key run one after the other and the second finds the first's answer
(on PostgreSQL the key's primary key makes the second wait, then it is answered the same).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import anyio
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core.security import tokens_match
from api.core.settings import ApiSettings
from api.orm import IdempotencyKey
from api.repositories import idempotency_keys
from vocabulary.idempotency import HEADER, KEY_FORMAT, REPLAYED_HEADER

logger = logging.getLogger(__name__)

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# The scope entry that carries the request's transaction to api.deps.get_session.
SCOPE_ENTRY = "kohtaamo.idempotent_connection"
# Answers that are stored: everything below 500 but a failed authentication (which wrote
# nothing, and must not make a key useless for the caller that has the token).
NOT_STORED = frozenset({401, 403})


def document(schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI schema with the header on every write of the JSON API (in place, once)."""
    parameter = {
        "name": HEADER,
        "in": "header",
        "required": False,
        "description": "The same key for the same write tried again (service token only):"
        " a repeated request is answered with the stored answer, not done again.",
        "schema": {"type": "string", "pattern": f"^{KEY_FORMAT.pattern}$"},
    }
    for path, operations in schema.get("paths", {}).items():
        if not path.startswith("/api/"):
            continue
        for method, operation in operations.items():
            listed = operation.setdefault("parameters", [])
            if method.upper() in WRITE_METHODS and parameter not in listed:
                listed.append(parameter)
    return schema


def connection_of(scope: Scope) -> Connection | None:
    """The transaction a request with an idempotency key runs in, or None."""
    connection: Connection | None = scope.get(SCOPE_ENTRY)
    return connection


@dataclass(frozen=True)
class Answer:
    status: int
    media_type: str | None
    body: bytes

    @classmethod
    def of(cls, row: IdempotencyKey) -> Answer:
        return cls(row.status_code, row.media_type, row.body.encode())


def key_hash(key: str) -> str:
    return hashlib.sha256(b"idempotency-key\0" + key.encode()).hexdigest()


def request_hash(method: str, path: str, query: bytes, body: bytes) -> str:
    """The same request hashes the same: a JSON body by its content, not its spacing."""
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        canonical = body
    parts = (method.encode(), path.encode(), query, canonical)
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def route_template(scope: Scope) -> str:
    """`POST /api/v1/conversations/{conversation_key}/meeting/answers`: no key in it.

    The matched route knows its template below the prefix of the router it was included
    with (`/api/v1`, fixed): that prefix is the part of the path before what the route
    matches."""
    route = scope.get("route")
    template, pattern = getattr(route, "path", None), getattr(route, "path_regex", None)
    path: str = scope["path"]
    found = "(no route)"
    if isinstance(template, str) and isinstance(pattern, re.Pattern):
        starts = (i for i, char in enumerate(path) if char == "/")
        prefix = next((path[:i] for i in starts if pattern.match(path[i:])), None)
        if prefix is not None:
            found = prefix + template
    return f"{scope['method']} {found}"[:200]


def json_answer(status: int, detail: Any) -> Answer:
    return Answer(status, "application/json", json.dumps({"detail": detail}).encode())


async def send_answer(send: Send, answer: Answer, replayed: bool = False) -> None:
    headers = [(b"content-length", str(len(answer.body)).encode())]
    if answer.media_type:
        headers.append((b"content-type", answer.media_type.encode()))
    if replayed:
        headers.append((REPLAYED_HEADER.lower().encode(), b"true"))
    await send({"type": "http.response.start", "status": answer.status, "headers": headers})
    await send({"type": "http.response.body", "body": answer.body})


class Idempotency:
    def __init__(self, app: ASGIApp, settings: ApiSettings, now: Callable[[], datetime]) -> None:
        self.app = app
        self.expected = f"Bearer {settings.service_token.get_secret_value()}"
        self.now = now

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        key = headers.get(HEADER)
        if key is None or not tokens_match(headers.get("authorization"), self.expected):
            await self.app(scope, receive, send)
            return
        if not KEY_FORMAT.fullmatch(key):
            await send_answer(send, json_answer(422, {"reason": "idempotency_key_invalid"}))
            return
        body = await read_body(receive)
        fingerprint = request_hash(scope["method"], scope["path"], scope["query_string"], body)
        engine: Engine = scope["app"].state.engine
        connection = await run_in_threadpool(engine.connect)
        try:
            await self._serve(scope, replay_body(body, receive), send, connection, key, fingerprint)
        finally:
            # Also when the request is cancelled: closing rolls back what did not commit.
            with anyio.CancelScope(shield=True):
                await run_in_threadpool(connection.close)

    async def _serve(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        connection: Connection,
        key: str,
        fingerprint: str,
    ) -> None:
        hashed = key_hash(key)
        try:
            stored = await run_in_threadpool(begin_and_find, connection, hashed)
        except OperationalError:
            await send_answer(send, busy())
            return
        if stored is not None:
            await run_in_threadpool(connection.rollback)
            await send_answer(send, *replay(stored, fingerprint))
            return

        scope[SCOPE_ENTRY] = connection
        answer = Collected()
        try:
            await self.app(scope, receive, answer.send)
        except Exception:
            await run_in_threadpool(rollback, connection)
            raise
        finally:
            del scope[SCOPE_ENTRY]
        if answer.status >= 500 or answer.status in NOT_STORED:
            await run_in_threadpool(rollback, connection)
            await answer.forward(send)
            return
        conversation = (scope.get("path_params") or {}).get("conversation_key")
        row = IdempotencyKey(
            key_hash=hashed,
            request_hash=fingerprint,
            route=route_template(scope),
            conversation_hash=(
                idempotency_keys.conversation_hash(conversation)
                if isinstance(conversation, str)
                else None
            ),
            status_code=answer.status,
            media_type=answer.media_type,
            body=answer.body.decode(errors="replace"),  # the API answers JSON
            created_at=self.now(),
        )
        try:
            await run_in_threadpool(store_and_commit, connection, row)
        except IntegrityError:
            # The same key committed by another request meanwhile (PostgreSQL): its answer.
            await run_in_threadpool(rollback, connection)
            stored = await run_in_threadpool(find_committed, connection, hashed)
            if stored is None:
                await send_answer(send, busy())
            else:
                await send_answer(send, *replay(stored, fingerprint))
            return
        except OperationalError:  # "database is locked": nothing was written, try again
            logger.warning("A write with an idempotency key could not commit: database busy")
            await run_in_threadpool(rollback, connection)
            await send_answer(send, busy())
            return
        await answer.forward(send)


def busy() -> Answer:
    return json_answer(503, "database busy, try again")


def replay(stored: tuple[str, Answer], fingerprint: str) -> tuple[Answer, bool]:
    request, answer = stored
    if request != fingerprint:
        return json_answer(422, {"reason": "idempotency_key_reused"}), False
    return answer, True


def begin_and_find(connection: Connection, hashed: str) -> tuple[str, Answer] | None:
    """Opens the request's transaction (on SQLite with the write lock) and looks the key up
    in it."""
    connection.begin()
    if connection.dialect.name == "sqlite":
        # pysqlite would begin only at the first INSERT, and the route's commits (savepoints
        # then) would end the transaction early; IMMEDIATE also queues writers at the start.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    with Session(bind=connection, join_transaction_mode="create_savepoint") as session:
        row = idempotency_keys.find(session, hashed)
        return None if row is None else (row.request_hash, Answer.of(row))


def find_committed(connection: Connection, hashed: str) -> tuple[str, Answer] | None:
    with Session(bind=connection) as session:
        row = idempotency_keys.find(session, hashed)
        return None if row is None else (row.request_hash, Answer.of(row))


def store_and_commit(connection: Connection, row: IdempotencyKey) -> None:
    if not connection.in_transaction():  # the route rolled its session back entirely
        connection.begin()
    with Session(bind=connection, join_transaction_mode="create_savepoint") as session:
        idempotency_keys.stage(session, row)
        session.commit()
    connection.commit()


def rollback(connection: Connection) -> None:
    if connection.in_transaction():
        connection.rollback()


async def read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def replay_body(body: bytes, receive: Receive) -> Receive:
    """The body read once, then whatever the server says next (a disconnect)."""
    sent = False

    async def again() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return again


class Collected:
    """The route's answer, held back until the transaction has committed."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.status = 500
        self.media_type: str | None = None
        self.body = b""

    async def send(self, message: Message) -> None:
        self.messages.append(message)
        if message["type"] == "http.response.start":
            self.status = int(message["status"])
            self.media_type = Headers(raw=message.get("headers", [])).get("content-type")
        elif message["type"] == "http.response.body":
            self.body += message.get("body", b"")

    async def forward(self, send: Send) -> None:
        for message in self.messages:
            await send(message)
