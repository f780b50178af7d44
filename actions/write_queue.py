"""The action server's durable queue of writes that could not reach the API.

When the API cannot be reached, times out or answers 5xx (SQLite's "database is locked"
among them), a write whose reply the dialogue does not need (`Route.queued`: a meeting
answer, the confirmation, a pulse answer, a proposal, leaving the panel...) is kept here,
in a SQLite file of its own (WRITE_QUEUE_PATH; each action server has its own file), and
delivered later with its idempotency key, so the API does it exactly once.

- Order: per conversation, first in, first out. Only a conversation's oldest write is ever
  sent; the next one waits until it is delivered, and while one waits the client's new
  writes of that conversation queue behind it (ApiClient), so they reach the API in the
  order they were made.
- Retries: a write that fails again waits longer each time, as tenacity's
  `wait_exponential_jitter` computes it (initial * 2**attempt plus up to `jitter` seconds,
  at most `maximum`), here because the rasa environment has no tenacity. It is tried until
  it goes through; a refusal (4xx: the meeting has started meanwhile, say) ends it, logged
  with its route and status, never its content.
- Privacy: the request (path, body, key) is encrypted with Fernet (a key derived from
  WRITE_QUEUE_KEY), since the client's words in it are not redacted yet (the API redacts);
  a delivered or refused write is deleted at once (SQLite's secure_delete overwrites it).
- Durability: every change is committed with synchronous=FULL before the client is told
  the answer is saved. The file is opened on first use or at the server's start, never at
  import.

The queue is used from the action server's one event loop; its SQLite calls are short
(one row) and only made when the API has failed or a backlog is being delivered.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import logging
import random
import sqlite3
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS writes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation TEXT NOT NULL,
    route TEXT NOT NULL,
    request BLOB NOT NULL,
    created_at REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS writes_by_conversation ON writes (conversation, id);
"""
# A status after which the same request may go through later; any other 4xx is the API's
# final answer.
RETRYABLE_4XX = frozenset({408, 425, 429})


def fernet_key(secret: str) -> bytes:
    """WRITE_QUEUE_KEY may be any long secret: Fernet's key is derived from it."""
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"kohtaamo write queue"
    ).derive(secret.encode())
    return base64.urlsafe_b64encode(derived)


def conversation_of(sender_id: str) -> str:
    """The queue keeps a hash of the sender id: enough to keep each conversation's order."""
    return hashlib.sha256(sender_id.encode()).hexdigest()


@dataclass(frozen=True)
class Write:
    method: str
    path: str  # filled in, as sent
    params: dict[str, Any] | None
    json: Any
    key: str  # the idempotency key
    route: str  # the template, for the logs

    def sealed(self, fernet: Fernet) -> bytes:
        fields = {
            "method": self.method,
            "path": self.path,
            "params": self.params,
            "json": self.json,
            "key": self.key,
        }
        return fernet.encrypt(json.dumps(fields).encode())

    @classmethod
    def opened(cls, fernet: Fernet, token: bytes, route: str) -> Write:
        fields = json.loads(fernet.decrypt(token))
        return cls(
            fields["method"], fields["path"], fields["params"], fields["json"], fields["key"], route
        )


@dataclass(frozen=True)
class Waiting:
    id: int
    conversation: str
    write: Write
    attempts: int
    created_at: float


@dataclass(frozen=True)
class Backoff:
    """tenacity's wait_exponential_jitter: initial * 2**attempt + U(0, jitter), capped."""

    initial: float = 1.0
    maximum: float = 60.0
    jitter: float = 1.0
    uniform: Callable[[float, float], float] = random.uniform

    def delay(self, attempt: int) -> float:
        exponential = self.initial * 2.0 ** min(attempt, 32)
        return min(exponential + float(self.uniform(0, self.jitter)), self.maximum)


class WriteQueue:
    def __init__(self, path: Path, secret: str, now: Callable[[], float]) -> None:
        self.path = path
        self.fernet = Fernet(fernet_key(secret))
        self.now = now
        self._db: sqlite3.Connection | None = None
        # How many writes wait per conversation, and when the oldest is due: answered from
        # memory, so that a call without a backlog costs nothing.
        self._count: dict[str, int] = {}
        self._due: dict[str, float] = {}

    def open(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, isolation_level=None)
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA secure_delete=ON")
            db.executescript(SCHEMA)
            for conversation, count in db.execute(
                "SELECT conversation, COUNT(*) FROM writes GROUP BY conversation"
            ):
                self._count[conversation] = count
                self._due[conversation] = self._head_due(db, conversation)
            self._db = db
            if self._count:
                logger.info(
                    "Write queue: %d writes of %d conversations waiting for the API",
                    sum(self._count.values()),
                    len(self._count),
                )
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @staticmethod
    def _head_due(db: sqlite3.Connection, conversation: str) -> float:
        row = db.execute(
            "SELECT next_attempt_at FROM writes WHERE conversation = ? ORDER BY id LIMIT 1",
            (conversation,),
        ).fetchone()
        return float(row[0])

    def waiting(self, conversation: str) -> int:
        """How many writes of the conversation wait."""
        self.open()
        return self._count.get(conversation, 0)

    def total(self) -> int:
        self.open()
        return sum(self._count.values())

    def due(self, conversation: str) -> bool:
        """Whether the conversation's oldest write may be tried now."""
        return self.waiting(conversation) > 0 and self._due[conversation] <= self.now()

    def conversations(self) -> list[str]:
        """The conversations that have writes waiting."""
        self.open()
        return list(self._count)

    def due_conversations(self) -> list[str]:
        self.open()
        now = self.now()
        return [c for c, at in sorted(self._due.items(), key=lambda item: item[1]) if at <= now]

    def next_due_at(self) -> float | None:
        self.open()
        return min(self._due.values(), default=None)

    def add(self, conversation: str, write: Write, due_at: float | None = None) -> int:
        """Keep the write (committed when this returns), to be tried from `due_at` on (now,
        if not given; behind the conversation's earlier writes in any case); its id."""
        db = self.open()
        now = self.now()
        due = now if due_at is None else due_at
        cursor = db.execute(
            "INSERT INTO writes (conversation, route, request, created_at, next_attempt_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (conversation, write.route, write.sealed(self.fernet), now, due),
        )
        if conversation not in self._count:
            self._due[conversation] = due
        self._count[conversation] = self._count.get(conversation, 0) + 1
        return int(cursor.lastrowid or 0)

    def oldest(self, conversation: str) -> Waiting | None:
        """The conversation's oldest write; one that cannot be read (WRITE_QUEUE_KEY changed
        since it was kept) is dropped, logged, since it can never be delivered."""
        db = self.open()
        while True:
            row = db.execute(
                "SELECT id, route, request, attempts, created_at FROM writes"
                " WHERE conversation = ? ORDER BY id LIMIT 1",
                (conversation,),
            ).fetchone()
            if row is None:
                return None
            item_id, route, token, attempts, created_at = row
            try:
                write = Write.opened(self.fernet, token, route)
            except InvalidToken:
                logger.error("Write queue: a write to %s cannot be decrypted; dropped", route)
                self.remove(item_id, conversation)
                continue
            return Waiting(item_id, conversation, write, attempts, created_at)

    def remove(self, item_id: int, conversation: str) -> None:
        db = self.open()
        db.execute("DELETE FROM writes WHERE id = ?", (item_id,))
        left = self._count.get(conversation, 1) - 1
        if left > 0:
            self._count[conversation] = left
            self._due[conversation] = self._head_due(db, conversation)
        else:
            self._count.pop(conversation, None)
            self._due.pop(conversation, None)

    def postpone(self, item: Waiting, until: float) -> None:
        self.open().execute(
            "UPDATE writes SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?",
            (until, item.id),
        )
        self._due[item.conversation] = until


# Sends one write; the API's status, or None when it could not be reached.
Sender = Callable[[Write], Awaitable[int | None]]


class Delivery:
    """Delivers the queue: a conversation at a time, oldest first, until one write fails."""

    def __init__(self, queue: WriteQueue, send: Sender, backoff: Backoff) -> None:
        self.queue = queue
        self.send = send
        self.backoff = backoff
        self.wake = asyncio.Event()
        self._locks: dict[str, asyncio.Lock] = {}

    async def flush(self, conversation: str) -> bool:
        """Deliver the conversation's writes in order; True when none is left waiting."""
        lock = self._locks.setdefault(conversation, asyncio.Lock())
        async with lock:
            try:
                # Only when due: the one before may have just failed while this one waited.
                if self.queue.waiting(conversation) and not self.queue.due(conversation):
                    return False
                while (item := self.queue.oldest(conversation)) is not None:
                    status = await self.send(item.write)
                    if status is None or status >= 500 or status in RETRYABLE_4XX:
                        until = self.queue.now() + self.backoff.delay(item.attempts)
                        self.queue.postpone(item, until)
                        return False
                    if status >= 400:
                        logger.warning(
                            "Write queue: the API refused a queued %s (%d); dropped",
                            item.write.route,
                            status,
                        )
                    else:
                        logger.info(
                            "Write queue: delivered %s after %.0f s",
                            item.write.route,
                            self.queue.now() - item.created_at,
                        )
                    self.queue.remove(item.id, conversation)
                return True
            finally:
                if not self.queue.waiting(conversation):
                    self._locks.pop(conversation, None)

    async def deliver_due(self) -> int:
        """One round: every conversation whose oldest write is due; how many are left."""
        for conversation in self.queue.due_conversations():
            await self.flush(conversation)
        return self.queue.total()

    async def run(self, sleep: Callable[[float], Awaitable[Any]] | None = None) -> None:
        """Deliver until cancelled: each due write when it is due, or at once when woken (a
        write was just queued). `sleep(seconds)` waits for that (tests give their own)."""
        wait = sleep or self._sleep
        while True:
            self.wake.clear()
            try:
                await self.deliver_due()
                next_at = self.queue.next_due_at()
                pause = self.backoff.maximum if next_at is None else next_at - self.queue.now()
            except Exception:  # the disk, or a bug: the writes stay, tried again later
                logger.exception("Write queue: delivery failed")
                pause = self.backoff.maximum
            await wait(pause)

    async def _sleep(self, seconds: float) -> None:
        with suppress(TimeoutError):
            await asyncio.wait_for(self.wake.wait(), timeout=max(seconds, 0.0))
