"""The retention job's rounds: exactly one API instance runs each (the lease), the audit log
records each run, and Rasa's conversation logs go CONVERSATION_RETENTION after each event."""

import json
from datetime import datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from api.core.settings import ApiSettings
from api.orm import AuditEntry
from api.services.retention import run_round, tracker_engine
from api.services.retention.tracker_events import purge_before, store_exists
from tests.api.conftest import START, Clock, MakeUser, login

DAY = timedelta(days=1)
# Rasa 3.6's SQLTrackerStore.SQLEvent, as Rasa creates it.
RASA_EVENTS = (
    "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL,"
    " type_name VARCHAR(255) NOT NULL, timestamp FLOAT, intent_name VARCHAR(255),"
    " action_name VARCHAR(255), data TEXT)"
)


def tracker_store(path: Path, events: list[tuple[str, str, datetime]]) -> str:
    url = f"sqlite:///{path}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(RASA_EVENTS))
        for sender, kind, at in events:
            connection.execute(
                text(
                    "INSERT INTO events (sender_id, type_name, timestamp, data)"
                    " VALUES (:s, :k, :t, :d)"
                ),
                {"s": sender, "k": kind, "t": at.timestamp(), "d": json.dumps({"event": kind})},
            )
    engine.dispose()
    return url


def remaining(url: str) -> list[tuple[str, str]]:
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT sender_id, type_name FROM events ORDER BY id"))
        found = [(row[0], row[1]) for row in rows]
    engine.dispose()
    return found


def test_old_sessions_and_quiet_conversations_go_the_current_session_stays(
    tmp_path: Path,
) -> None:
    now = START
    url = tracker_store(
        tmp_path / "rasa.db",
        [
            ("quiet", "session_started", now - 40 * DAY),
            ("quiet", "user", now - 40 * DAY),
            ("busy", "session_started", now - 35 * DAY),
            ("busy", "user", now - 35 * DAY),
            ("busy", "session_started", now - 31 * DAY),  # the current session, begun long ago
            ("busy", "user", now - 31 * DAY),
            ("busy", "user", now - DAY),
            ("new", "session_started", now - DAY),
            ("new", "user", now - DAY),
        ],
    )
    engine = tracker_engine(url)
    assert purge_before(engine, now - 30 * DAY) == 4
    assert remaining(url) == [
        ("busy", "session_started"),
        ("busy", "user"),
        ("busy", "user"),
        ("new", "session_started"),
        ("new", "user"),
    ]
    engine.dispose()


def test_no_tracker_store_yet_is_nothing_to_purge_and_none_is_made(tmp_path: Path) -> None:
    engine = tracker_engine(f"sqlite:///{tmp_path / 'absent.db'}")
    assert not store_exists(engine)
    assert purge_before(engine, START) == 0
    assert not (tmp_path / "absent.db").exists()


def test_one_instance_runs_each_round_and_the_audit_log_says_so(
    settings: ApiSettings, db: Session, tmp_path: Path
) -> None:
    url = tracker_store(tmp_path / "rasa.db", [("old", "user", START - 31 * DAY)])
    tracker = tracker_engine(url)
    factory = sessionmaker(db.get_bind())
    clock = Clock()
    first = settings.model_copy(update={"retention_instance": "api-1"})
    second = settings.model_copy(update={"retention_instance": "api-2"})
    ran = run_round(factory, first, clock, tracker=tracker)
    assert ran is not None and ran.conversation_events == 1
    assert run_round(factory, second, clock, tracker=tracker) is None  # api-1 holds it
    clock.advance(timedelta(hours=1))
    assert run_round(factory, first, clock, tracker=tracker) is not None  # its next round
    assert run_round(factory, second, clock, tracker=tracker) is None
    clock.advance(timedelta(hours=2))  # api-1 has missed a round: api-2 takes over
    assert run_round(factory, second, clock, tracker=tracker) is not None
    db.expire_all()
    runs = db.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(r.action, r.subject, r.user_id) for r in runs] == [
        ("retention_run", "api-1", None),
        ("retention_run", "api-1", None),
        ("retention_run", "api-2", None),
    ]
    assert remaining(url) == []
    tracker.dispose()


def test_the_audit_log_shows_a_run_as_the_systems(
    client: TestClient, make_user: MakeUser, settings: ApiSettings, db: Session
) -> None:
    run_round(sessionmaker(db.get_bind()), settings, Clock(START + timedelta(hours=2)))
    make_user("admin")
    login(client, "admin@example.org")
    items = client.get("/api/v1/audit-log").json()["items"]
    assert len(items) == 1 and all(
        (i["action"], i["user_id"], i["user_email"]) == ("retention_run", None, None) for i in items
    )
