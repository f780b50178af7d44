"""The Alembic migrations build exactly the schema the ORM describes, on SQLite and PostgreSQL."""

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from api.core.settings import REPO_ROOT
from api.orm import Base
from tests.api.conftest import migrate

POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def schema_diff(url: str) -> list[object]:
    engine = create_engine(url)
    with engine.connect() as connection:
        diff: list[object] = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    return diff


def table_names(url: str) -> set[str]:
    engine = create_engine(url)
    names = set(inspect(engine).get_table_names())
    engine.dispose()
    return names


def assert_schema_matches(url: str) -> None:
    """Upgrade, compare with the models; then the last migration goes down and up again."""
    migrate(url)
    assert schema_diff(url) == []
    assert {"users", "user_sessions", "meetings", "meeting_answers", "audit_log"} <= table_names(
        url
    )

    config = Config(str(REPO_ROOT / "api" / "alembic.ini"))
    config.attributes["database_url"] = url
    command.downgrade(config, "0001")
    assert table_names(url) == {"alembic_version", "conversations"}
    migrate(url)
    assert schema_diff(url) == []


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
