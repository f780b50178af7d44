"""Deleting what clients told once it is no longer needed: the consent question promises
that answers are deleted at the latest `answer_retention` after the meeting."""

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from api.clock import now_utc
from api.orm import FaqTopicAsk, InviteAttempt, Meeting, MeetingAnswer, OutboxMessage

logger = logging.getLogger(__name__)
PURGE_EVERY = timedelta(hours=1)


@dataclass(frozen=True)
class Purged:
    answers: int
    faq_topic_asks: int
    invite_attempts: int
    outbox_messages: int = 0


def purge_expired(session: Session, *, now: datetime, retention: timedelta) -> Purged:
    """Delete the answers of meetings that started over `retention` ago, and FAQ topic asks,
    wrong-code attempts and outbox messages (reminders) older than that. Meetings themselves
    stay (no client content)."""
    cutoff = now - retention
    old_meetings = select(Meeting.id).where(Meeting.starts_at < cutoff)
    answers = session.execute(
        delete(MeetingAnswer).where(MeetingAnswer.meeting_id.in_(old_meetings))
    )
    asks = session.execute(delete(FaqTopicAsk).where(FaqTopicAsk.at < cutoff))
    attempts = session.execute(delete(InviteAttempt).where(InviteAttempt.at < cutoff))
    sent = session.execute(delete(OutboxMessage).where(OutboxMessage.created_at < cutoff))
    session.commit()
    counts = (result.rowcount for result in (answers, asks, attempts, sent))  # type: ignore[attr-defined]
    return Purged(*counts)


def purge_once(factory: sessionmaker[Session], retention: timedelta) -> Purged:
    with factory() as session:
        return purge_expired(session, now=now_utc(), retention=retention)


async def purge_periodically(factory: sessionmaker[Session], retention: timedelta) -> None:
    """Runs for the app's lifetime: once at start, then every PURGE_EVERY."""
    while True:
        try:
            purged = await asyncio.to_thread(purge_once, factory, retention)
            logger.info("Retention: deleted %s", purged)
        except Exception:  # a failed round must not stop the next one
            logger.exception("Retention purge failed")
        await asyncio.sleep(PURGE_EVERY.total_seconds())
