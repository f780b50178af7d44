"""Migration 0008: the live state's one row starts at generation 0, and the database itself
refuses a second published version of a topic and a state or kind it does not know, on SQLite
and PostgreSQL."""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.orm import FaqLiveState, FaqPublishJob, FaqTopicVersion
from tests.api.conftest import migrate
from tests.api.migrations.test_migrations import POSTGRES_ADMIN_URL

AT = datetime(2026, 12, 1, tzinfo=UTC)


def version(number: int, state: str) -> FaqTopicVersion:
    return FaqTopicVersion(
        topic="alpha",
        version=number,
        document={"topic": "alpha"},
        file_text="topic: alpha\n",
        retires=False,
        state=state,
        created_at=AT,
    )


def refused(session: Session, row: object) -> bool:
    session.add(row)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return True
    return False


def check_the_constraints(url: str) -> None:
    migrate(url)
    engine = create_engine(url)
    with Session(engine) as session:
        state = session.scalars(select(FaqLiveState)).one()
        assert (state.id, state.generation) == (1, 0)
        assert not refused(session, version(1, "past"))
        assert not refused(session, version(2, "live"))
        assert not refused(session, version(3, "draft"))
        assert refused(session, version(4, "live"))  # a second published version
        assert refused(session, version(4, "retired"))
        assert refused(session, version(3, "draft"))  # the number is taken
        assert refused(session, version(5, "gone"))
        job = FaqPublishJob(
            kind="partial", state="queued", progress={}, versions={}, created_at=AT, updated_at=AT
        )
        assert refused(session, job)
        assert refused(session, FaqLiveState(id=2, generation=0))
        session.execute(text("UPDATE faq_topic_versions SET state = 'past' WHERE version = 2"))
        assert not refused(session, version(4, "retired"))  # the one published one again
    engine.dispose()


def test_the_constraints_hold_on_sqlite(tmp_path: Path) -> None:
    check_the_constraints(f"sqlite:///{tmp_path / 'api.db'}")


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
def test_the_constraints_hold_on_postgresql(postgres_url: str) -> None:
    check_the_constraints(postgres_url)
