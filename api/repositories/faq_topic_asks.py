"""Data access for the FAQ topics a conversation asked about (topic ids, never the questions)."""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.orm import FaqTopicAsk


def record(session: Session, conversation_key: str, topic: str, *, now: datetime) -> None:
    session.add(FaqTopicAsk(conversation_key=conversation_key, topic=topic, at=now))
    session.commit()


def latest_per_topic(session: Session, conversation_key: str) -> list[tuple[str, datetime]]:
    """Each topic the conversation asked about once, with when it was last asked; latest first."""
    last = func.max(FaqTopicAsk.at).label("last")
    rows = session.execute(
        select(FaqTopicAsk.topic, last)
        .where(FaqTopicAsk.conversation_key == conversation_key)
        .group_by(FaqTopicAsk.topic)
        .order_by(last.desc())
    )
    return [(topic, at) for topic, at in rows]


def counts_since(session: Session, since: datetime) -> dict[str, int]:
    """How many times each topic was asked since `since` (topics never asked are missing)."""
    rows = session.execute(
        select(FaqTopicAsk.topic, func.count())
        .where(FaqTopicAsk.at >= since)
        .group_by(FaqTopicAsk.topic)
    )
    return {topic: count for topic, count in rows}
