"""The profile's PostgreSQL databases: created if missing, the API's migrated (Alembic), and
Rasa's tracker store's tables made once by Rasa itself, before several Rasa servers start and
would all try at the same moment."""

from __future__ import annotations

import subprocess
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

from deploy.settings import REPO_ROOT, DeploySettings

RASA_PYTHON = REPO_ROOT / ".venvs" / "rasa" / "bin" / "python"
# PostgreSQL's own database, always there: where a missing one is created from.
MAINTENANCE_DB = "postgres"


def create_missing(url: URL) -> bool:
    """Creates the URL's database unless it exists; whether it did."""
    admin = create_engine(url.set(database=MAINTENANCE_DB), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            found = connection.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": url.database}
            )
            if found:
                return False
            # A name cannot be a bound parameter; it is quoted as an identifier.
            quoted = admin.dialect.identifier_preparer.quote(str(url.database))
            connection.execute(text(f"CREATE DATABASE {quoted}"))
            return True
    finally:
        admin.dispose()


def migrate(database_url: str) -> None:
    """`make migrate` for the API's database: Alembic's upgrade to the newest migration."""
    config = Config(str(REPO_ROOT / "api" / "alembic.ini"))
    config.attributes["database_url"] = database_url
    command.upgrade(config, "head")


def make_tracker_tables(
    settings: DeploySettings, inherited: dict[str, str], rasa_python: Path = RASA_PYTHON
) -> None:
    """Rasa's SQL tracker store makes its tables when it starts; here once, in the rasa
    environment (deploy/tracker_tables.py), so that the Rasa servers find them. `inherited`:
    the environment the child gets besides the tracker database's settings."""
    url = settings.tracker_url()
    subprocess.run(  # noqa: S603 - our own script in our own environment
        [str(rasa_python), str(Path(__file__).with_name("tracker_tables.py"))],
        env={
            **inherited,
            "TRACKER_DB_HOST": url.host or "",
            "TRACKER_DB_PORT": str(url.port or 5432),
            "TRACKER_DB_NAME": url.database or "",
            "TRACKER_DB_USER": url.username or "",
            "TRACKER_DB_PASSWORD": url.password or "",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "RASA_TELEMETRY_ENABLED": "false",
        },
        check=True,
    )


def prepare(settings: DeploySettings, inherited: dict[str, str]) -> list[str]:
    """Creates what is missing and migrates; the names of the databases created."""
    created = [
        str(url.database)
        for url in (make_url(settings.database_url), settings.tracker_url())
        if create_missing(url)
    ]
    migrate(settings.database_url)
    make_tracker_tables(settings, inherited)
    return created
