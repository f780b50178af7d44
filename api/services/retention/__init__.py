"""Deleting what clients told once it is no longer needed, as they are told: the answers
`answer_retention` after the meeting, the FAQ topics asked `faq_topic_retention` after they were
asked; wrong-code attempts, outbox messages and pulse surveys waiting after a meeting
`answer_retention` after they were made; when a client was last offered the pulse survey once
it holds no offer back (`pulse_min_interval`); the messages the assistant did not understand
(redacted, for the content team) `missed_retention` after they came; copy links once expired;
the stored answers of writes sent with an idempotency key `idempotency_retention` after they
came; Rasa's conversation logs `conversation_retention` after each event (`tracker_events`).
Meetings themselves stay (no client content), and so do pulse answers and proposals
(anonymous: nothing ties them to anyone).

With several API instances, exactly one runs each round: the one that takes the `retention`
lease row (api.repositories.job_leases); the audit log records each run (never what it
deleted)."""

import asyncio
import logging
import os
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import Engine, create_engine, delete, select
from sqlalchemy.orm import Session, sessionmaker

from api.core.clock import Clock
from api.core.settings import ApiSettings
from api.orm import FaqTopicAsk, InviteAttempt, Meeting, MeetingAnswer, OutboxMessage
from api.repositories import (
    audit_log,
    faq_missed_questions,
    idempotency_keys,
    job_leases,
    my_data_links,
    pulse_asks,
    pulse_invitations,
)
from api.services.pulse.pending import expire as expire_pending
from api.services.retention import tracker_events
from api.services.themes.classifier import ThemeClassifier

logger = logging.getLogger(__name__)
PURGE_EVERY = timedelta(hours=1)
LEASE = "retention"
# A round's lease ends a little before the next round, so the same instance takes it again
# on time; another instance takes it only once the holder has missed a round.
LEASE_FOR = PURGE_EVERY - timedelta(minutes=5)
AUDIT_ACTION = "retention_run"


@dataclass(frozen=True)
class Purged:
    answers: int
    faq_topic_asks: int
    invite_attempts: int
    outbox_messages: int = 0
    pulse_invitations: int = 0
    pulse_asks: int = 0
    missed_questions: int = 0
    my_data_links: int = 0
    conversation_events: int = 0
    idempotency_keys: int = 0


def purge_expired(
    session: Session,
    *,
    now: datetime,
    answer_retention: timedelta,
    faq_topic_retention: timedelta,
    pulse_min_interval: timedelta,
    missed_retention: timedelta,
    idempotency_retention: timedelta | None = None,
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
    links = my_data_links.delete_before(session, now)
    keys = (
        0
        if idempotency_retention is None
        else idempotency_keys.delete_before(session, now - idempotency_retention)
    )
    session.commit()
    answered, asked, tried, queued = (
        result.rowcount  # type: ignore[attr-defined]
        for result in (answers, asks, attempts, sent)
    )
    return Purged(
        answered,
        asked,
        tried,
        queued,
        invitations,
        offered,
        missed_questions=missed,
        my_data_links=links,
        idempotency_keys=keys,
    )


def tracker_engine(url: str) -> Engine:
    """An engine on Rasa's tracker store (its file or database is Rasa's: no pragmas set)."""
    if url.startswith("sqlite"):
        return create_engine(url, connect_args={"timeout": 30})
    return create_engine(url, pool_pre_ping=True)


def instance_name(settings: ApiSettings) -> str:
    return settings.retention_instance or f"{socket.gethostname()}:{os.getpid()}"[:64]


def purge_once(
    factory: sessionmaker[Session],
    settings: ApiSettings,
    clock: Clock,
    classifier: ThemeClassifier | None = None,
    tracker: Engine | None = None,
) -> Purged:
    """One round, now (the CLI's purge-expired; the loop's round once it holds the lease)."""
    with factory() as session:
        if classifier is not None:
            # Unfinished pulse surveys become answers (their keyed hash goes): also on every
            # survey call, here for the quiet hours.
            expire_pending(session, settings, classifier, now=clock.now())
            session.commit()
        purged = purge_expired(
            session,
            now=clock.now(),
            answer_retention=settings.answer_retention,
            faq_topic_retention=settings.faq_topic_retention,
            pulse_min_interval=settings.pulse_min_interval,
            missed_retention=settings.missed_retention,
            idempotency_retention=settings.idempotency_retention,
        )
        if tracker is not None:
            cutoff = clock.now() - settings.conversation_retention
            purged = replace(
                purged, conversation_events=tracker_events.purge_before(tracker, cutoff)
            )
        # That it ran, and by which instance: never what it deleted.
        audit_log.record(
            session,
            user_id=None,
            action=AUDIT_ACTION,
            meeting_id=None,
            now=clock.now(),
            subject=instance_name(settings),
        )
        return purged


def run_round(
    factory: sessionmaker[Session],
    settings: ApiSettings,
    clock: Clock,
    classifier: ThemeClassifier | None = None,
    tracker: Engine | None = None,
) -> Purged | None:
    """The round if this instance takes the lease; None when another one runs it."""
    now = clock.now()
    with factory() as session:
        taken = job_leases.take(
            session, LEASE, instance_name(settings), now=now, until=now + LEASE_FOR
        )
    if not taken:
        return None
    return purge_once(factory, settings, clock, classifier, tracker)


async def purge_periodically(
    factory: sessionmaker[Session],
    settings: ApiSettings,
    clock: Clock,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    classifier: ThemeClassifier | None = None,
    tracker: Engine | None = None,
) -> None:
    """Runs for the app's lifetime: once at start, then every PURGE_EVERY (a round that
    another instance holds the lease for is skipped)."""
    while True:
        try:
            purged = await asyncio.to_thread(
                run_round, factory, settings, clock, classifier, tracker
            )
            if purged is None:
                logger.info("Retention: another instance runs this round")
            else:
                logger.info("Retention: deleted %s", purged)
        except Exception:  # a failed round must not stop the next one
            logger.exception("Retention purge failed")
        await sleep(PURGE_EVERY.total_seconds())
