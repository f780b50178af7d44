"""The live FAQ topics that the API answers with, cached in each API process.

Every read asks the database for the live generation (one row by its key); the topics are
read again only when it changed. So every API instance answers with what was published the
moment the publish is committed, and a process does not parse the topics on every question.
"""

from __future__ import annotations

import threading

from sqlalchemy.orm import Session

from api.repositories import faq_live_state, faq_topic_versions
from api.services.faq.content import Topic
from api.services.faq.store import as_topic


class LiveTopics:
    def __init__(self) -> None:
        self._generation: int | None = None
        self._topics: dict[str, Topic] = {}
        self._lock = threading.Lock()

    def topics(self, session: Session) -> dict[str, Topic]:
        generation = faq_live_state.generation(session)
        if generation == self._generation:
            return self._topics
        with self._lock:
            if generation != self._generation:
                rows = faq_topic_versions.live(session)
                self._topics = {row.topic: as_topic(row) for row in rows}
                self._generation = generation
            return self._topics

    @property
    def generation(self) -> int | None:
        """The generation of the cached topics (None: nothing read yet)."""
        return self._generation
