"""Retention: answers are deleted `answer_retention` after the meeting, as the client is told."""

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.meeting_prep.retention import purge_expired
from api.orm import FaqTopicAsk, MeetingAnswer
from tests.api.client_meetings_helpers import answer, consent, conversation, create_meeting, redeem
from tests.api.conftest import SERVICE_HEADERS, START, Clock, MakeUser, login


@pytest.fixture
def csrf(client: TestClient, make_user: MakeUser) -> dict[str, str]:
    make_user("advisor")
    return login(client, "advisor@example.org")


def count(db: Session, table: type[MeetingAnswer] | type[FaqTopicAsk]) -> int:
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

    retention = timedelta(days=30)
    just_inside = START + timedelta(days=2) + retention - timedelta(minutes=1)
    purged = purge_expired(db, now=just_inside, retention=retention)
    # The topic was asked two days before the meeting: it is older than the retention time.
    assert (purged.answers, purged.faq_topic_asks) == (0, 1)
    assert count(db, MeetingAnswer) == 1 and count(db, FaqTopicAsk) == 0

    purged = purge_expired(db, now=just_inside + timedelta(minutes=2), retention=retention)
    assert purged.answers == 1
    assert count(db, MeetingAnswer) == 0
