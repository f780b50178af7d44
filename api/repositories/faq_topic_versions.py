"""Data access for faq_topic_versions: the saved versions of the FAQ's topics.

Nothing here commits: a version and what goes with it (its audit entry, the states a publish
changes) are committed together by the service."""

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from api.orm import FaqTopicVersion, User

PUBLISHED_STATES = ("live", "retired")


def add(
    session: Session,
    *,
    topic: str,
    version: int,
    document: dict[str, Any],
    file_text: str,
    author_id: int | None,
    now: datetime,
    state: str = "draft",
    retires: bool = False,
    restored_from: int | None = None,
) -> FaqTopicVersion:
    row = FaqTopicVersion(
        topic=topic,
        version=version,
        document=document,
        file_text=file_text,
        retires=retires,
        state=state,
        author_id=author_id,
        restored_from=restored_from,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(FaqTopicVersion)) or 0


def get(session: Session, topic: str, version: int) -> FaqTopicVersion | None:
    return session.scalar(
        select(FaqTopicVersion).where(
            FaqTopicVersion.topic == topic, FaqTopicVersion.version == version
        )
    )


def head(session: Session, topic: str) -> FaqTopicVersion | None:
    """The topic's newest version (what the editor edits), or None for no such topic."""
    return session.scalar(
        select(FaqTopicVersion)
        .where(FaqTopicVersion.topic == topic)
        .order_by(FaqTopicVersion.version.desc())
        .limit(1)
    )


def heads(session: Session) -> dict[str, FaqTopicVersion]:
    """Every topic's newest version, by topic id in order."""
    newest = (
        select(FaqTopicVersion.topic, func.max(FaqTopicVersion.version).label("version"))
        .group_by(FaqTopicVersion.topic)
        .subquery()
    )
    rows = session.scalars(
        select(FaqTopicVersion)
        .join(
            newest,
            (FaqTopicVersion.topic == newest.c.topic)
            & (FaqTopicVersion.version == newest.c.version),
        )
        .order_by(FaqTopicVersion.topic)
    )
    return {row.topic: row for row in rows}


def published(session: Session) -> dict[str, FaqTopicVersion]:
    """Each topic's live or retired version (the one a publish made current)."""
    rows = session.scalars(
        select(FaqTopicVersion)
        .where(FaqTopicVersion.state.in_(PUBLISHED_STATES))
        .order_by(FaqTopicVersion.topic)
    )
    return {row.topic: row for row in rows}


def live(session: Session) -> list[FaqTopicVersion]:
    """The versions the assistant answers with, by topic id."""
    return list(
        session.scalars(
            select(FaqTopicVersion)
            .where(FaqTopicVersion.state == "live")
            .order_by(FaqTopicVersion.topic)
        )
    )


def history(session: Session, topic: str) -> list[tuple[FaqTopicVersion, User | None]]:
    """The topic's versions newest first, each with its author (None: from the files)."""
    author = aliased(User)
    rows = session.execute(
        select(FaqTopicVersion, author)
        .outerjoin(author, author.id == FaqTopicVersion.author_id)
        .where(FaqTopicVersion.topic == topic)
        .order_by(FaqTopicVersion.version.desc())
    )
    return [(version, user) for version, user in rows]


def set_published(
    session: Session, row: FaqTopicVersion, *, job_id: int | None, now: datetime
) -> None:
    """Makes `row` its topic's current version (live, or retired if it retires the topic);
    the one current before becomes past (first: one topic has one current version)."""
    before = session.scalar(
        select(FaqTopicVersion).where(
            FaqTopicVersion.topic == row.topic,
            FaqTopicVersion.state.in_(PUBLISHED_STATES),
            FaqTopicVersion.id != row.id,
        )
    )
    if before is not None:
        before.state = "past"
        session.flush()
    row.state = "retired" if row.retires else "live"
    row.publish_job_id = job_id
    row.published_at = now
    session.flush()


def published_before(session: Session, topic: str, job_id: int) -> FaqTopicVersion | None:
    """The topic's version that was current just before publish `job_id` (made live or
    retired by an earlier publish or by the first import), or None: it did not exist yet."""
    return session.scalar(
        select(FaqTopicVersion)
        .where(
            FaqTopicVersion.topic == topic,
            FaqTopicVersion.published_at.is_not(None),
            FaqTopicVersion.publish_job_id.is_(None) | (FaqTopicVersion.publish_job_id < job_id),
        )
        .order_by(FaqTopicVersion.version.desc())
        .limit(1)
    )
