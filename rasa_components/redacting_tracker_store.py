"""Rasa's SQL tracker store, storing clients' words only after the API has redacted them.

In endpoints.yml:

    tracker_store:
      type: rasa_components.redacting_tracker_store.RedactingSQLTrackerStore
      dialect: sqlite                   # and every other SQLTrackerStore setting
      db: var/rasa-tracker.db
      api_url: ${API_URL}
      service_token: ${SERVICE_TOKEN}
      extra_redact_slots: [note]        # optional: more slots that hold the client's words

The text of each new user message and the values of the slots that hold the client's own
words (vocabulary.meetings.FREE_TEXT_SLOTS, and any extra ones) go to the API's
`POST /api/v1/redactions` in one call per save, except those in which the redactor could find
nothing (lower-case words and punctuation, no word that names a name:
vocabulary.redaction.may_hold_personal_data), which it would return unchanged. Rasa reads
the tracker back from the store at the next message, so the redacted form becomes the
conversation's form. When the API cannot be reached, digits, e-mail addresses and capitalised
words inside a sentence (names, perhaps) are masked here instead: the raw text is never stored.

"Delete my data": when a turn sets the slot `vocabulary.my_data.ERASE_SLOT` (the action did
so after the API erased the rest), every stored event of the conversation is deleted and a
fresh session is stored in its place (keeping only the language). It happens here, in the
save at the end of that turn and under the conversation's lock, because Rasa's SQL store
writes the events it holds in memory beyond those it finds stored: a deletion from outside
during the turn would be written back, and replacing the events through Rasa's HTTP API
(PUT /conversations/{id}/tracker/events) only appends to an SQL store.

Rasa's SQL store queries the database in the server's event loop: while it waits (for a
commit's fsync on SQLite, a round trip to PostgreSQL), no other conversation is served. Here
every query runs in one thread of the store's own, one at a time and in the same order as
before, while the loop serves the others. A save counts the stored events once (Rasa's own
save counted them again), and on SQLite one connection is kept (SQLAlchemy 1.4 opened a new
one for every session: three a message).
"""

from __future__ import annotations

import asyncio
import copy
import functools
import json
import logging
import re
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import aiohttp
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from vocabulary.languages import DEFAULT_LANGUAGE, as_language
from vocabulary.meetings import FREE_TEXT_SLOTS
from vocabulary.my_data import ERASE_SLOT
from vocabulary.redaction import may_hold_personal_data

logger = logging.getLogger(__name__)
T = TypeVar("T")

LANGUAGE_SLOT = "language"
# The API's limits (api/schemas/redactions.py): longer texts are masked here, more are split.
MAX_ITEMS = 100
MAX_TEXT_LENGTH = 5000

# Words and the whitespace between them. Each word is looked at once, so masking is linear
# in the text's length: patterns like `\S*@\S*` retry from every position of a long word
# and take quadratic time on a 100,000-character one.
_SPACES = re.compile(r"(\s+)")
_DIGIT = re.compile(r"\d")


def _masked_word(word: str) -> str:
    if "@" in word:
        return "<EMAIL>"
    # Any word with a digit: identity codes, phone and account numbers, house numbers.
    if _DIGIT.search(word):
        return "<NUMBER>"
    return word


# Letters, hyphens and apostrophes inside: "Anna-Liisa", "O'Brien" (no backtracking).
_LETTER_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_JOINERS = re.compile(r"[-'’]")
_SENTENCE_END = frozenset(".!?…\n")


def _mask_capitalised(text: str) -> str:
    """Every capitalised word inside a sentence becomes <NAME>: it may be a person's (the API
    tells names from places; this cannot). A sentence's first word stays."""
    parts: list[str] = []
    last = 0
    for match in _LETTER_WORD.finditer(text):
        word, start = match.group(), match.start()
        gap = text[last:start]
        sentence_start = (not parts and not gap.strip()) or any(c in _SENTENCE_END for c in gap)
        parts.append(text[last:start])
        # "Matti", "Anna-Liisa"; not "I", "TE-toimisto" or the placeholders (<NUMBER>)
        masked = (
            len(word) > 1
            and word[0].isupper()
            and not any(part.isupper() for part in _JOINERS.split(word) if len(part) > 1)
        )
        parts.append("<NAME>" if masked and not sentence_start else word)
        last = match.end()
    parts.append(text[last:])
    return "".join(parts)


def mask_locally(text: str) -> str:
    """The fallback when the API is out of reach: cruder than Presidio, and safe."""
    # re.split with a group keeps the whitespace at the odd positions, as it was.
    parts = _SPACES.split(text)
    masked = "".join(part if i % 2 else _masked_word(part) for i, part in enumerate(parts))
    return _mask_capitalised(masked)


class RedactingSQLTrackerStore(SQLTrackerStore):
    engine: Any  # SQLAlchemy 1.4's, which has no type information

    def __init__(
        self,
        domain: Domain | None = None,
        api_url: str = "http://127.0.0.1:8000",
        service_token: str = "",
        extra_redact_slots: Iterable[str] | None = None,
        timeout_seconds: float = 5.0,
        **kwargs: Any,
    ) -> None:
        """`kwargs` are SQLTrackerStore's (dialect, host, db, username, ...) as Rasa gives them."""
        super().__init__(domain=domain, **kwargs)
        if self.engine.dialect.name == "sqlite" and self.engine.url.database not in (
            None,
            "",
            ":memory:",
        ):
            url = self.engine.url
            self.engine.dispose()
            # Connections kept (not one per session); used from the store's thread.
            self.engine = sa.create_engine(
                url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False}
            )
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        # The store's queries, one at a time (see the module's docstring). No thread is
        # started before the first query.
        self._database_thread = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="tracker-store"
        )
        self.redaction_url = f"{api_url.rstrip('/')}/api/v1/redactions"
        self.service_token = service_token
        if isinstance(extra_redact_slots, str):  # `extra_redact_slots: note` in YAML: one slot
            extra_redact_slots = [extra_redact_slots]
        self.redact_slots = frozenset((*FREE_TEXT_SLOTS, *(extra_redact_slots or ())))
        self.timeout = aiohttp.ClientTimeout(total=float(timeout_seconds))
        # One connection pool for the server's life, made on first use inside its event loop
        # (not per message, and not at construction, which may run outside any loop).
        self._session: aiohttp.ClientSession | None = None

    async def close_http(self) -> None:
        """Close the connection pool (tests; the server's ends with its process)."""
        if self._session is not None:
            await self._session.close()

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
        return self._session

    async def _in_database_thread(self, function: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._database_thread, functools.partial(function, *args))

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the new events of `tracker` with the client's words redacted."""
        # Rasa's SQLTrackerStore.save writes only the events beyond those stored: these.
        new_events = await self._in_database_thread(self._unsaved_events, tracker)
        if any(isinstance(e, SlotSet) and e.key == ERASE_SLOT and e.value for e in new_events):
            await self.erase(tracker)
            return
        texts = [text for event in new_events for text in self._texts_of(event)]
        if texts:
            redacted = await self._redact(texts, self._language(tracker))
            new_events = [self._redacted(e, redacted) for e in new_events]
        if self.event_broker is not None:  # it is sent what is stored, never the raw text
            stored = len(tracker.events) - len(new_events)
            # A shallow copy with other events: the in-memory tracker keeps serving this turn.
            to_store = copy.copy(tracker)
            to_store.events = deque(
                [*list(tracker.events)[:stored], *new_events], maxlen=tracker.events.maxlen
            )
            await self.stream_events(to_store)
        await self._in_database_thread(self._insert, tracker.sender_id, new_events)

    def _unsaved_events(self, tracker: DialogueStateTracker) -> list[Event]:
        with self.session_scope() as session:
            return list(self._additional_events(session, tracker))

    def _insert(self, sender_id: str, events: list[Event]) -> None:
        """The rows of SQLTrackerStore.save, as it writes them, in one INSERT (not through the
        ORM's unit of work, one object an event)."""
        rows = []
        for event in events:
            data = event.as_dict()
            rows.append(
                {
                    "sender_id": sender_id,
                    "type_name": event.type_name,
                    "timestamp": data.get("timestamp"),
                    "intent_name": data.get("parse_data", {})
                    .get("intent", {})
                    .get(INTENT_NAME_KEY),
                    "action_name": data.get("name"),
                    "data": json.dumps(data),
                }
            )
        if not rows:
            return
        with self.session_scope() as session:
            session.execute(self.SQLEvent.__table__.insert(), rows)
            session.commit()

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        return await self._in_database_thread(
            self._retrieve_now, sender_id, fetch_events_from_all_sessions
        )

    def _retrieve_now(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        """SQLTrackerStore._retrieve, which does nothing asynchronous."""
        with self.session_scope() as session:
            query = self._event_query(
                session, sender_id, fetch_events_from_all_sessions=fetch_events_from_all_sessions
            )
            # Only the column that is read: no ORM object made for every row.
            events = [json.loads(data) for (data,) in query.with_entities(self.SQLEvent.data)]
        if self.domain is None or not events:
            return None
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)

    def delete_events(self, sender_id: str) -> int:
        """Deletes every stored event of the conversation, of every session; how many."""
        with self.session_scope() as session:
            deleted = (
                session.query(self.SQLEvent)
                .filter(self.SQLEvent.sender_id == sender_id)
                .delete(synchronize_session=False)
            )
            session.commit()
        return int(deleted)

    async def erase(self, tracker: DialogueStateTracker) -> None:
        """The conversation's log goes; a fresh session in its language takes its place."""
        deleted = await self._in_database_thread(self.delete_events, tracker.sender_id)
        logger.info("Erased a conversation's log at the client's request (%d events)", deleted)
        fresh = DialogueStateTracker(tracker.sender_id, self.domain.slots if self.domain else [])
        for event in (
            ActionExecuted(ACTION_SESSION_START_NAME),
            SessionStarted(),
            SlotSet(LANGUAGE_SLOT, self._language(tracker)),
            ActionExecuted(ACTION_LISTEN_NAME),
        ):
            fresh.update(event)
        await self.stream_events(fresh)
        await self._in_database_thread(self._insert, fresh.sender_id, list(fresh.events))

    def _texts_of(self, event: Event) -> list[str]:
        if isinstance(event, UserUttered):
            return [t for t in (event.text, event.parse_data.get("text")) if isinstance(t, str)]
        if isinstance(event, SlotSet) and event.key in self.redact_slots:
            values = event.value if isinstance(event.value, list) else [event.value]
            return [v for v in values if isinstance(v, str)]
        return []

    def _redacted(self, event: Event, redacted: dict[str, str]) -> Event:
        """A copy of `event` with its texts replaced, or `event` itself if it has none."""

        def replace(value: Any) -> Any:
            # A text that somehow missed the batch is masked, never kept.
            if not isinstance(value, str):
                return value
            return redacted.get(value) or mask_locally(value)

        if isinstance(event, UserUttered):
            event = copy.copy(event)
            event.text = replace(event.text)
            event.parse_data = {**event.parse_data, "text": replace(event.parse_data.get("text"))}
        elif isinstance(event, SlotSet) and event.key in self.redact_slots:
            event = copy.copy(event)
            is_list = isinstance(event.value, list)
            event.value = [replace(v) for v in event.value] if is_list else replace(event.value)
        return event

    @staticmethod
    def _language(tracker: DialogueStateTracker) -> str:
        language = tracker.slots.get(LANGUAGE_SLOT)
        return as_language(language.value if language is not None else None, DEFAULT_LANGUAGE)

    async def _redact(self, texts: list[str], language: str) -> dict[str, str]:
        """Each distinct text and its redacted form."""
        unique = list(dict.fromkeys(texts))
        # Nothing in them the redactor would find ("thanks, bye"): stored as they are.
        result = {text: text for text in unique if not may_hold_personal_data(text)}
        result.update(
            (text, mask_locally(text))
            for text in unique
            if text not in result and len(text) > MAX_TEXT_LENGTH
        )
        pending = [text for text in unique if text not in result]
        if not pending:
            return result
        try:
            session = self._client()
            for start in range(0, len(pending), MAX_ITEMS):
                batch = pending[start : start + MAX_ITEMS]
                result.update(
                    zip(batch, await self._call_api(session, batch, language), strict=True)
                )
        except Exception as error:  # whatever fails, the raw text must not be stored
            # Never the texts in the log: only what went wrong.
            logger.warning(
                "Redaction API unreachable (%s): masking %d texts locally",
                type(error).__name__,
                len(pending),
            )
            result.update((text, mask_locally(text)) for text in pending)
        return result

    async def _call_api(
        self, session: aiohttp.ClientSession, texts: list[str], language: str
    ) -> list[str]:
        body = {"items": [{"text": text, "language": language} for text in texts]}
        headers = {"Authorization": f"Bearer {self.service_token}"}
        async with session.post(self.redaction_url, json=body, headers=headers) as reply:
            reply.raise_for_status()
            answer = await reply.json()
        try:
            redacted = [str(item["text"]) for item in answer["items"]]
        except (KeyError, TypeError) as error:
            raise ValueError("unexpected answer from the redaction API") from error
        if len(redacted) != len(texts):
            raise ValueError("the redaction API answered a different number of texts")
        return redacted
