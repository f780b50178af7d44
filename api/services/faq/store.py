"""The FAQ's topics in the database: every save, creation, restore, retirement and import is
a new version (drafts, until a publish makes them live: api.services.faq.publishing).

Saves are checked against the schema only (a draft may still lack examples; the checks before
a publish say what is missing) and against the version the editor started from: a save on a
stale version is refused with what changed meanwhile. Every change is in the audit log.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.orm import FaqTopicVersion, User
from api.repositories import audit_log, faq_live_state, faq_topic_versions
from api.services.faq.content import (
    ContentError,
    Finding,
    Topic,
    document_of,
    own_findings,
    shared_findings,
    validate_document,
)
from api.services.faq.diff import Change, changes
from api.services.faq.files import read_folder, render

logger = logging.getLogger(__name__)


class UnknownTopic(LookupError):
    """No such topic (or no such version of it)."""


class TopicExists(ValueError):
    """A topic with that id exists already (perhaps retired: restore it instead)."""


class StaleVersion(Exception):
    """The save started from `base`, but the topic is at `head` now; `changes` from the base
    to the head and `versions` (the ones saved meanwhile) say what happened."""

    def __init__(self, topic: str, base: int, head: FaqTopicVersion, found: list[Change]) -> None:
        super().__init__(f"{topic}: version {base} is stale, the topic is at {head.version}")
        self.topic = topic
        self.base = base
        self.head = head
        self.changes = found


def subject(topic: str, version: int) -> str:
    return f"faq_topic {topic} v{version}"


def head(session: Session, topic: str) -> FaqTopicVersion:
    row = faq_topic_versions.head(session, topic)
    if row is None:
        raise UnknownTopic(topic)
    return row


def version(session: Session, topic: str, number: int) -> FaqTopicVersion:
    row = faq_topic_versions.get(session, topic, number)
    if row is None:
        raise UnknownTopic(f"{topic} v{number}")
    return row


def as_topic(row: FaqTopicVersion) -> Topic:
    """A stored version's document as a Topic (it was validated when it was saved)."""
    return Topic.model_validate(row.document)


def valid_document(raw: object, topic: str) -> dict[str, Any]:
    """The document of a valid topic named `topic`, or ContentError with every schema
    problem."""
    parsed = validate_document(raw, topic)
    if parsed.topic != topic:
        what = f"the topic id {parsed.topic!r} differs from {topic!r}"
        fix = f"keep topic: {topic} (a topic's id cannot change; create a new topic instead)"
        raise ContentError([Finding("error", "topic_id", topic, "topic", what, fix)])
    return document_of(parsed)


def _stale(session: Session, topic: str, base: int, current: FaqTopicVersion) -> StaleVersion:
    started = faq_topic_versions.get(session, topic, base)
    found = (
        []
        if started is None
        else changes(
            started.document,
            current.document,
            retired_before=started.retires,
            retired_after=current.retires,
        )
    )
    return StaleVersion(topic, base, current, found)


def _add_on_top(
    session: Session,
    current: FaqTopicVersion,
    base: int | None,
    *,
    document: dict[str, Any],
    file_text: str,
    author: User,
    now: datetime,
    action: str,
    retires: bool = False,
    restored_from: int | None = None,
) -> FaqTopicVersion:
    if base is not None and base != current.version:
        raise _stale(session, current.topic, base, current)
    if document == current.document and retires == current.retires:
        return current  # nothing changed: no version of its own
    try:
        row = faq_topic_versions.add(
            session,
            topic=current.topic,
            version=current.version + 1,
            document=document,
            file_text=file_text,
            author_id=author.id,
            now=now,
            retires=retires,
            restored_from=restored_from,
        )
        audit_log.record(
            session,
            user_id=author.id,
            action=action,
            meeting_id=None,
            now=now,
            subject=subject(row.topic, row.version),
        )
    except IntegrityError:
        # Another save took the number between our read and our write.
        session.rollback()
        latest = head(session, current.topic)
        raise _stale(session, current.topic, current.version, latest) from None
    return row


def save(
    session: Session, topic: str, raw: object, *, base: int, author: User, now: datetime
) -> FaqTopicVersion:
    """The editor's edit of the topic, started from version `base`, as a new draft."""
    current = head(session, topic)
    document = valid_document(raw, topic)
    file_text = render(document, current.file_text)
    return _add_on_top(
        session,
        current,
        base,
        document=document,
        file_text=file_text,
        author=author,
        now=now,
        action="faq_save",
    )


def create(session: Session, raw: object, *, author: User, now: datetime) -> FaqTopicVersion:
    """A new topic, as its first version (a draft: a publish brings it into service)."""
    name = raw.get("topic") if isinstance(raw, dict) else None
    topic = name if isinstance(name, str) else ""
    document = valid_document(raw, topic)
    if faq_topic_versions.head(session, topic) is not None:
        raise TopicExists(topic)
    try:
        row = faq_topic_versions.add(
            session,
            topic=topic,
            version=1,
            document=document,
            file_text=render(document),
            author_id=author.id,
            now=now,
        )
        audit_log.record(
            session,
            user_id=author.id,
            action="faq_create",
            meeting_id=None,
            now=now,
            subject=subject(topic, 1),
        )
    except IntegrityError:
        session.rollback()
        raise TopicExists(topic) from None
    return row


def restore(
    session: Session, topic: str, number: int, *, base: int | None, author: User, now: datetime
) -> FaqTopicVersion:
    """Version `number` again, as a new draft on top (its file too, line breaks and all)."""
    current = head(session, topic)
    old = version(session, topic, number)
    return _add_on_top(
        session,
        current,
        base,
        document=old.document,
        file_text=old.file_text,
        author=author,
        now=now,
        action="faq_restore",
        retires=old.retires,
        restored_from=old.version,
    )


def retire(
    session: Session, topic: str, *, base: int, author: User, now: datetime
) -> FaqTopicVersion:
    """A draft that takes the topic out of service when published (a restore or a save
    brings it back)."""
    current = head(session, topic)
    return _add_on_top(
        session,
        current,
        base,
        document=current.document,
        file_text=current.file_text,
        author=author,
        now=now,
        action="faq_retire",
        retires=True,
    )


@dataclass(frozen=True)
class Imported:
    """What an import did: the topics it added a version to, the ones unchanged, and the
    files it could not read."""

    added: list[str]
    unchanged: list[str]
    problems: list[Finding]
    live: bool  # the files became the live content (a database without topics)


def import_folder(
    session: Session, folder: Path, *, author: User | None, now: datetime
) -> Imported:
    """The topic files as versions. Into a database without topics they come live at once
    (they are what the model was trained from) if they pass the publish checks; otherwise a
    file that differs from its topic's newest version becomes a draft on top, to be checked
    and published. A file is kept as it is, byte for byte, as that version's file."""
    faq_live_state.lock(session)  # one import or publish at a time, even from two instances
    files, problems = read_folder(folder)
    fresh = faq_topic_versions.count(session) == 0
    if fresh:
        topics = {name: item.topic for name, item in files.items()}
        found = problems + shared_findings(topics)
        for parsed in topics.values():
            found += own_findings(parsed)
        if found:
            session.rollback()
            raise ContentError(found)
    heads = faq_topic_versions.heads(session)
    added, unchanged = [], []
    for name, item in files.items():
        current = heads.get(name)
        if current is not None and current.document == item.document and not current.retires:
            unchanged.append(name)
            continue
        row = faq_topic_versions.add(
            session,
            topic=name,
            version=1 if current is None else current.version + 1,
            document=item.document,
            file_text=item.text,
            author_id=None if author is None else author.id,
            now=now,
        )
        if fresh:
            faq_topic_versions.set_published(session, row, job_id=None, now=now)
        added.append(name)
    if fresh and added:
        faq_live_state.advance(session, now=now)
    if author is not None:
        audit_log.record(
            session,
            user_id=author.id,
            action="faq_import",
            meeting_id=None,
            now=now,
            subject=f"faq_import {len(added)} topics",
        )
    else:
        session.commit()
    logger.info(
        "FAQ import from %s: %d versions added, %d unchanged", folder, len(added), len(unchanged)
    )
    return Imported(added, unchanged, problems, fresh and bool(added))


def import_if_empty(session: Session, folder: Path, *, now: datetime) -> Imported | None:
    """On a database without topics, the files become the live content (the API's first
    start: `make run` just works); otherwise nothing."""
    if faq_topic_versions.count(session) > 0:
        return None
    result = import_folder(session, folder, author=None, now=now)
    return result if result.live else None
