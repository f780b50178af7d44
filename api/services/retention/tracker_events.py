"""Rasa's conversation logs: the events of its SQL tracker store (TRACKER_DATABASE_URL), kept
CONVERSATION_RETENTION after each event.

The table is Rasa's own (`rasa.core.tracker_store.SQLTrackerStore.SQLEvent`, "events": one row
per event, `timestamp` in Unix seconds). Rasa reads a conversation from its latest session
start on, so only events before it are deleted while the conversation goes on; a
conversation that has been quiet for the whole period goes entirely.
"""

from datetime import datetime
from pathlib import Path

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    delete,
    func,
    or_,
    select,
)
from sqlalchemy.engine import Engine, make_url

SESSION_STARTED = "session_started"

metadata = MetaData()
events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255)),
    Column("type_name", String(255)),
    Column("timestamp", Float),
)


def store_exists(engine: Engine) -> bool:
    """Whether Rasa has made its store yet (never made here: a SQLite file would be)."""
    url = make_url(str(engine.url))
    if url.get_backend_name() == "sqlite" and (not url.database or not Path(url.database).exists()):
        return False
    with engine.connect() as connection:
        return bool(engine.dialect.has_table(connection, "events"))


def purge_before(engine: Engine, cutoff: datetime) -> int:
    """Deletes the events older than `cutoff` that Rasa no longer reads; how many."""
    if not store_exists(engine):
        return 0
    before = cutoff.timestamp()
    other = events.alias("other")
    latest_start = (
        select(func.max(other.c.id))
        .where(other.c.sender_id == events.c.sender_id, other.c.type_name == SESSION_STARTED)
        .scalar_subquery()
    )
    quiet = (
        select(other.c.sender_id)
        .group_by(other.c.sender_id)
        .having(func.max(other.c.timestamp) < before)
    )
    statement = delete(events).where(
        and_(
            events.c.timestamp < before,
            or_(events.c.sender_id.in_(quiet), events.c.id < latest_start),
        )
    )
    with engine.begin() as connection:
        result = connection.execute(statement)
    return int(result.rowcount)
