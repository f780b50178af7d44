"""Retention: answers are deleted `answer_retention` after the meeting, as the client is told."""

import asyncio
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from api.core.settings import ApiSettings
from api.orm import (
    Base,
    FaqMissedQuestion,
    FaqTopicAsk,
    MeetingAnswer,
    Proposal,
    PulseAnswer,
    PulseAsk,
    PulseInvitation,
)
from api.repositories import (
    faq_missed_questions,
    faq_topic_asks,
    outbox,
    proposals,
    pulse_asks,
    pulse_invitations,
)
from api.services.retention import PURGE_EVERY, purge_expired, purge_periodically
from tests.api.client_meetings_helpers import answer, consent, conversation, create_meeting, redeem
from tests.api.conftest import SERVICE_HEADERS, START, Clock, MakeUser, login

THIRTY_DAYS = timedelta(days=30)
WEEK = timedelta(days=7)


@pytest.fixture
def csrf(client: TestClient, make_user: MakeUser) -> dict[str, str]:
    make_user("advisor")
    return login(client, "advisor@example.org")


def count(db: Session, table: type[Base]) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(table)) or 0


def test_answers_go_after_the_retention_time_and_not_before(
    client: TestClient, csrf: dict[str, str], clock: Clock, db: Session
) -> None:
    meeting = create_meeting(client, csrf, starts_at=START + timedelta(days=2))
    redeem(client, "web-1", meeting["invite_code"])
    consent(client, "web-1", True)
    answer(client, "web-1", "goals", "myyjäksi")
    reply = client.post(
        f"{conversation('web-1')}/faq-topics", json={"topic": "alpha"}, headers=SERVICE_HEADERS
    )
    assert reply.status_code == 204

    just_inside = START + timedelta(days=2) + THIRTY_DAYS - timedelta(minutes=1)
    purged = purge_expired(
        db,
        now=just_inside,
        answer_retention=THIRTY_DAYS,
        faq_topic_retention=THIRTY_DAYS,
        pulse_min_interval=WEEK,
        missed_retention=THIRTY_DAYS,
    )
    # The topic was asked two days before the meeting: it is older than the retention time.
    assert (purged.answers, purged.faq_topic_asks) == (0, 1)
    assert count(db, MeetingAnswer) == 1 and count(db, FaqTopicAsk) == 0

    later = just_inside + timedelta(minutes=2)
    purged = purge_expired(
        db,
        now=later,
        answer_retention=THIRTY_DAYS,
        faq_topic_retention=THIRTY_DAYS,
        pulse_min_interval=WEEK,
        missed_retention=THIRTY_DAYS,
    )
    assert purged.answers == 1
    assert count(db, MeetingAnswer) == 0


def test_faq_topics_follow_their_own_period(db: Session) -> None:
    faq_topic_asks.record(db, "web-1", "alpha", now=START - timedelta(days=8))
    faq_topic_asks.record(db, "web-1", "beta", now=START - timedelta(days=6))
    purged = purge_expired(
        db,
        now=START,
        answer_retention=THIRTY_DAYS,
        faq_topic_retention=timedelta(days=7),
        pulse_min_interval=WEEK,
        missed_retention=THIRTY_DAYS,
    )
    assert purged.faq_topic_asks == 1
    assert [topic for topic, _ in faq_topic_asks.latest_per_topic(db, "web-1")] == ["beta"]


def test_old_outbox_messages_are_purged(db: Session) -> None:
    outbox.add(db, "tg-a", "old", now=START - timedelta(days=31))
    kept = outbox.add(db, "tg-a", "new", now=START - timedelta(days=29))
    purged = purge_expired(
        db,
        now=START,
        answer_retention=THIRTY_DAYS,
        faq_topic_retention=THIRTY_DAYS,
        pulse_min_interval=WEEK,
        missed_retention=THIRTY_DAYS,
    )
    assert purged.outbox_messages == 1
    assert [m.id for m in outbox.undelivered(db, "tg-")] == [kept.id]


def test_missed_questions_are_purged_after_their_own_period(db: Session) -> None:
    for days in (11, 9):
        faq_missed_questions.add(
            db, text=f"{days}", language="fi", kind="fallback", nearest_topic=None,
            now=START - timedelta(days=days),
        )  # fmt: skip
    purged = purge_expired(
        db,
        now=START,
        answer_retention=THIRTY_DAYS,
        faq_topic_retention=THIRTY_DAYS,
        pulse_min_interval=WEEK,
        missed_retention=timedelta(days=10),
    )
    assert purged.missed_questions == 1
    assert [row.text for row in db.scalars(select(FaqMissedQuestion))] == ["9"]


def test_the_app_purges_at_start_and_then_every_hour_by_its_clock(
    settings: ApiSettings, db: Session
) -> None:
    """The loop's sleep is the test's: it moves the clock instead of waiting."""
    clock = Clock()
    outbox.add(db, "tg-a", "made at the start", now=START)
    waits: list[float] = []
    left: list[int] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        left.append(len(outbox.undelivered(db, "tg-")))
        clock.advance(THIRTY_DAYS + timedelta(seconds=seconds))
        if len(waits) == 2:
            raise asyncio.CancelledError

    factory = sessionmaker(db.get_bind())
    with pytest.raises(asyncio.CancelledError):
        asyncio.run(purge_periodically(factory, settings, clock, sleep))
    assert waits == [PURGE_EVERY.total_seconds()] * 2
    assert left == [1, 0]  # the first round kept it; the second, 30 days later, took it


def test_pulse_invitations_go_with_the_answers_and_offer_times_after_the_interval(
    db: Session,
) -> None:
    pulse_invitations.stage(db, "web-old", "other_meeting", now=START - timedelta(days=31))
    pulse_invitations.stage(db, "web-new", "other_meeting", now=START - timedelta(days=29))
    pulse_asks.stage_offered(db, "a" * 64, now=START - timedelta(days=8))
    pulse_asks.stage_offered(db, "b" * 64, now=START - timedelta(days=6))
    db.commit()
    purged = purge_expired(
        db,
        now=START,
        answer_retention=THIRTY_DAYS,
        faq_topic_retention=THIRTY_DAYS,
        pulse_min_interval=WEEK,
        missed_retention=THIRTY_DAYS,
    )
    assert (purged.pulse_invitations, purged.pulse_asks) == (1, 1)
    assert [i.conversation_key for i in db.scalars(select(PulseInvitation))] == ["web-new"]
    assert [a.client_hash for a in db.scalars(select(PulseAsk))] == ["b" * 64]


def test_anonymous_pulse_answers_and_proposals_stay(db: Session) -> None:
    long_ago = START - timedelta(days=400)
    db.add(
        PulseAnswer(
            week_start=long_ago.date(),
            step="assistant",
            channel="web",
            language="fi",
            offer_kind="on_request",
            rating=3,
            went_well=0,
            to_improve=0,
        )
    )
    proposals.stage(
        db,
        theme="other",
        redacted_text="idea",
        language="fi",
        channel="web",
        source="chat",
        week_start=long_ago.date(),
    )
    db.commit()
    purge_expired(
        db,
        now=START,
        answer_retention=THIRTY_DAYS,
        faq_topic_retention=THIRTY_DAYS,
        pulse_min_interval=WEEK,
        missed_retention=THIRTY_DAYS,
    )
    assert count(db, PulseAnswer) == 1 and count(db, Proposal) == 1
