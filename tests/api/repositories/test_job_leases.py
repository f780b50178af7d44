"""job_leases on PostgreSQL, where several API instances share one database: an instance whose
row is locked by another skips at once (SKIP LOCKED), and a held lease is respected."""

from datetime import timedelta

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from api.orm import JobLease
from api.repositories import job_leases
from tests.api.conftest import START, migrate
from tests.api.migrations.test_migrations import postgres_url  # noqa: F401 - the fixture
from tests.api.services.retention.test_rounds import RASA_EVENTS

HOUR = timedelta(hours=1)


@pytest.mark.postgres
def test_a_locked_row_is_skipped_at_once_and_a_held_lease_respected(
    postgres_url: str,  # noqa: F811
) -> None:
    migrate(postgres_url)
    engine = create_engine(postgres_url)
    with Session(engine) as holding, Session(engine) as other:
        # Another instance is in the middle of taking it: its transaction holds the row.
        holding.scalar(select(JobLease).where(JobLease.name == "retention").with_for_update())
        assert not job_leases.take(other, "retention", "api-2", now=START, until=START + HOUR)
        holding.rollback()
        assert job_leases.take(other, "retention", "api-2", now=START, until=START + HOUR)
        assert not job_leases.take(holding, "retention", "api-1", now=START, until=START + HOUR)
        later = START + HOUR
        assert job_leases.take(holding, "retention", "api-1", now=later, until=later + HOUR)
    engine.dispose()


@pytest.mark.postgres
def test_the_conversation_log_purge_runs_on_postgresql(postgres_url: str) -> None:  # noqa: F811
    from api.services.retention import tracker_engine
    from api.services.retention.tracker_events import purge_before

    engine = tracker_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text(RASA_EVENTS.replace("INTEGER PRIMARY KEY", "SERIAL PRIMARY KEY")))
        for sender, kind, at in [
            ("quiet", "user", START - 40 * timedelta(days=1)),
            ("busy", "session_started", START - 35 * timedelta(days=1)),
            ("busy", "session_started", START - timedelta(days=1)),
            ("busy", "user", START),
        ]:
            connection.execute(
                text("INSERT INTO events (sender_id, type_name, timestamp) VALUES (:s, :k, :t)"),
                {"s": sender, "k": kind, "t": at.timestamp()},
            )
    assert purge_before(engine, START - 30 * timedelta(days=1)) == 2
    with engine.connect() as connection:
        left = connection.execute(text("SELECT sender_id, type_name FROM events ORDER BY id"))
        assert [tuple(row) for row in left] == [("busy", "session_started"), ("busy", "user")]
    engine.dispose()
