"""The Alembic migrations build exactly the schema the ORM describes, on SQLite and PostgreSQL."""

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from api.orm import Base
from tests.api.conftest import migrate

POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def assert_schema_matches(url: str) -> None:
    migrate(url)
    engine = create_engine(url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert diff == []


def test_sqlite_schema_matches_the_models(tmp_path: Path) -> None:
    assert_schema_matches(f"sqlite:///{tmp_path / 'api.db'}")


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
def test_postgresql_schema_matches_the_models(postgres_url: str) -> None:
    assert_schema_matches(postgres_url)
