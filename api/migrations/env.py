"""Alembic environment: migrates the database named by ApiSettings.database_url."""

from logging.config import fileConfig
from pathlib import Path

from alembic import context

from api.core.database import make_engine
from api.core.settings import get_settings
from api.orm import Base

config = context.config
if config.config_file_name is not None:
    # Keeping the loggers already made: migrations run in-process too (tests, benchmarks,
    # the CLI), and the app's own loggers must go on logging after them.
    fileConfig(config.config_file_name, disable_existing_loggers=False)

url = config.attributes.get("database_url") or get_settings().database_url
if url.startswith("sqlite:///"):
    Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)


def run_migrations_offline() -> None:
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=url.startswith("sqlite"),
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
