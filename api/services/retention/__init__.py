"""Deleting what clients told once it is no longer needed, as they are told: the answers
`answer_retention` after the meeting, the FAQ topics asked `faq_topic_retention` after they were
asked; wrong-code attempts, outbox messages and pulse surveys waiting after a meeting
`answer_retention` after they were made; when a client was last offered the pulse survey once
it holds no offer back (`pulse_min_interval`); the messages the assistant did not understand
(redacted, for the content team) `missed_retention` after they came. Meetings themselves stay
(no client content), and so do pulse answers and proposals (anonymous: nothing ties them to
anyone)."""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from api.core.clock import Clock
from api.core.settings import ApiSettings
from api.orm import FaqTopicAsk, InviteAttempt, Meeting, MeetingAnswer, OutboxMessage
from api.repositories import faq_missed_questions, pulse_asks, pulse_invitations
from api.services.pulse.pending import expire as expire_pending
from api.services.themes.classifier import ThemeClassifier

logger = logging.getLogger(__name__)
PURGE_EVERY = timedelta(hours=1)


@dataclass(frozen=True)
class Purged:
    answers: int
    faq_topic_asks: int
    invite_attempts: int
    outbox_messages: int = 0
    pulse_invitations: int = 0
    pulse_asks: int = 0
    missed_questions: int = 0


def purge_expired(
    session: Session,
    *,
    now: datetime,
    answer_retention: timedelta,
    faq_topic_retention: timedelta,
    pulse_min_interval: timedelta,
    missed_retention: timedelta,
) -> Purged:
    cutoff = now - answer_retention
    old_meetings = select(Meeting.id).where(Meeting.starts_at < cutoff)
    answers = session.execute(
        delete(MeetingAnswer).where(MeetingAnswer.meeting_id.in_(old_meetings))
    )
    asks = session.execute(delete(FaqTopicAsk).where(FaqTopicAsk.at < now - faq_topic_retention))
    attempts = session.execute(delete(InviteAttempt).where(InviteAttempt.at < cutoff))
    sent = session.execute(delete(OutboxMessage).where(OutboxMessage.created_at < cutoff))
    invitations = pulse_invitations.delete_before(session, cutoff)
    offered = pulse_asks.delete_before(session, now - pulse_min_interval)
    missed = faq_missed_questions.delete_before(session, now - missed_retention)
    session.commit()
    answered, asked, tried, queued = (
        result.rowcount  # type: ignore[attr-defined]
        for result in (answers, asks, attempts, sent)
    )
    return Purged(answered, asked, tried, queued, invitations, offered, missed)


def purge_once(
    factory: sessionmaker[Session],
    settings: ApiSettings,
    clock: Clock,
    classifier: ThemeClassifier | None = None,
) -> Purged:
    with factory() as session:
        if classifier is not None:
            # Unfinished pulse surveys become answers (their keyed hash goes): also on every
            # survey call, here for the quiet hours.
            expire_pending(session, settings, classifier, now=clock.now())
            session.commit()
        return purge_expired(
            session,
            now=clock.now(),
            answer_retention=settings.answer_retention,
            faq_topic_retention=settings.faq_topic_retention,
            pulse_min_interval=settings.pulse_min_interval,
            missed_retention=settings.missed_retention,
        )


async def purge_periodically(
    factory: sessionmaker[Session],
    settings: ApiSettings,
    clock: Clock,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    classifier: ThemeClassifier | None = None,
) -> None:
    """Runs for the app's lifetime: once at start, then every PURGE_EVERY."""
    while True:
        try:
            purged = await asyncio.to_thread(purge_once, factory, settings, clock, classifier)
            logger.info("Retention: deleted %s", purged)
        except Exception:  # a failed round must not stop the next one
            logger.exception("Retention purge failed")
        await sleep(PURGE_EVERY.total_seconds())
