"""The training worker's claim: only the oldest unfinished training job, never two at once,
even with two workers claiming together on PostgreSQL (SKIP LOCKED)."""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from api.repositories import faq_publish_jobs
from tests.api.conftest import migrate
from tests.api.migrations.test_migrations import POSTGRES_ADMIN_URL

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


def queue(url: str, *kinds: str) -> list[int]:
    engine = create_engine(url)
    with Session(engine) as session:
        jobs = [
            faq_publish_jobs.add(
                session, kind=kind, versions={"alpha": i}, created_by=None, now=NOW
            )
            for i, kind in enumerate(kinds, start=1)
        ]
        session.commit()
        ids = [job.id for job in jobs]
    engine.dispose()
    return ids


def check_the_claims(url: str) -> None:
    migrate(url)
    text_job, first, second = queue(url, "text", "finetune", "full")
    engine = create_engine(url)
    with Session(engine) as a, Session(engine) as b:
        claimed = faq_publish_jobs.claim_next(a, worker="worker-a", now=NOW)
        assert claimed is not None and claimed.id == first  # text jobs are the API's
        assert (claimed.state, claimed.claimed_by) == ("training", "worker-a")
        assert faq_publish_jobs.claim_next(b, worker="worker-b", now=NOW) is None  # one at once
        faq_publish_jobs.update(a, claimed, now=NOW, state="live")
        a.commit()
        after = faq_publish_jobs.claim_next(b, worker="worker-b", now=NOW)
        assert after is not None and after.id == second
    engine.dispose()
    assert text_job < first


def test_claims_on_sqlite(tmp_path: Path) -> None:
    check_the_claims(f"sqlite:///{tmp_path / 'api.db'}")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A throw-away PostgreSQL database; fails (never skips) when PostgreSQL is not running."""
    name = f"kohtaamo_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.postgres
def test_claims_on_postgresql(postgres_url: str) -> None:
    check_the_claims(postgres_url)


@pytest.mark.postgres
def test_a_second_worker_passes_over_a_job_being_claimed(postgres_url: str) -> None:
    """While worker A holds the oldest job's row lock, worker B skips it instead of waiting,
    sees an older unfinished job and claims nothing (not the next one)."""
    migrate(postgres_url)
    first, _ = queue(postgres_url, "finetune", "full")
    engine = create_engine(postgres_url)
    with Session(engine) as a, Session(engine) as b:
        a.execute(text("SELECT id FROM faq_publish_jobs WHERE id = :id FOR UPDATE"), {"id": first})
        assert faq_publish_jobs.claim_next(b, worker="worker-b", now=NOW) is None
        a.rollback()
        claimed = faq_publish_jobs.claim_next(b, worker="worker-b", now=NOW)
        assert claimed is not None and claimed.id == first
    engine.dispose()
