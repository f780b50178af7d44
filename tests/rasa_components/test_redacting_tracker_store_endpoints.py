"""Rasa builds the redacting tracker store from endpoints.yml and endpoints.production.yml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml
from rasa.core.lock_store import LockStore
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.utils.endpoints import read_endpoint_config

from rasa_components.lock_store import SafeRedisLockStore
from rasa_components.redacting_tracker_store import RedactingSQLTrackerStore
from vocabulary.meetings import FREE_TEXT_SLOTS

REPO = Path(__file__).resolve().parents[2]


def free_text_slots() -> set[str]:
    """Every slot the domain fills from the client's own words (a `from_text` mapping)."""
    slots: set[str] = set()
    for path in (REPO / "domain").glob("*.yml"):
        domain = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, slot in (domain.get("slots") or {}).items():
            if any(m.get("type") == "from_text" for m in slot.get("mappings") or []):
                slots.add(name)
    return slots


DOMAIN_FREE_TEXT_SLOTS = free_text_slots()


def test_the_vocabulary_names_every_free_text_slot_of_the_domain() -> None:
    assert set(FREE_TEXT_SLOTS) == DOMAIN_FREE_TEXT_SLOTS


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the Makefile exports (README: Configuration)."""
    for name, value in {
        "ACTIONS_PORT": "5055",
        "API_URL": "http://127.0.0.1:8000",
        "SERVICE_TOKEN": "local-service-token",
        "ACTIONS_TOKEN": "local-actions-token",
        "ACTION_ENDPOINT_URL": "http://127.0.0.1:5055/webhook",
        "TRACKER_DB_HOST": "db.example",
        "TRACKER_DB_PORT": "5432",
        "TRACKER_DB_NAME": "rasa_tracker",
        "TRACKER_DB_USER": "rasa",
        "TRACKER_DB_PASSWORD": "secret",
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": "6379",
        "REDIS_LOCK_DB": "3",
        "REDIS_LOCK_PREFIX": "kohtaamo",
    }.items():
        monkeypatch.setenv(name, value)


def test_embedded_profile_builds_the_store_on_sqlite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `db: var/rasa-tracker.db` is relative to where Rasa runs, as under `make run`.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "var").mkdir()
    config = read_endpoint_config(str(REPO / "endpoints.yml"), "tracker_store")

    store = TrackerStore.create(config)

    assert isinstance(store, RedactingSQLTrackerStore)
    assert store.engine.url.drivername == "sqlite"
    assert (tmp_path / "var" / "rasa-tracker.db").is_file()
    assert store.redaction_url == "http://127.0.0.1:8000/api/v1/redactions"
    assert store.service_token == "local-service-token"
    assert store.redact_slots == DOMAIN_FREE_TEXT_SLOTS


def test_production_profile_passes_the_postgresql_settings_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    received: dict[str, Any] = {}

    def record(self: SQLTrackerStore, **kwargs: Any) -> None:
        received.update(kwargs)  # instead of connecting to PostgreSQL
        self.engine = sa.create_engine("postgresql://rasa@db.example/rasa_tracker")  # unused

    monkeypatch.setattr(SQLTrackerStore, "__init__", record)
    config = read_endpoint_config(str(REPO / "endpoints.production.yml"), "tracker_store")

    store = TrackerStore.create(config)

    assert isinstance(store, RedactingSQLTrackerStore)
    assert {k: v for k, v in received.items() if k not in ("domain", "event_broker")} == {
        "host": "db.example",
        "dialect": "postgresql",
        "port": "5432",
        "db": "rasa_tracker",
        "username": "rasa",
        "password": "secret",
    }
    assert store.redaction_url == "http://127.0.0.1:8000/api/v1/redactions"
    assert store.redact_slots == DOMAIN_FREE_TEXT_SLOTS


@pytest.mark.parametrize("endpoints", ["endpoints.yml", "endpoints.production.yml"])
def test_rasa_sends_the_actions_token_to_the_action_server(endpoints: str) -> None:
    config = read_endpoint_config(str(REPO / endpoints), "action_endpoint")
    assert config is not None
    assert config.headers == {"Authorization": "Bearer local-actions-token"}


def test_production_profile_locks_conversations_in_redis_under_its_prefix() -> None:
    """Rasa builds the Redis lock store from endpoints.production.yml (it connects on first
    use, so nothing is reached here): the database and the key prefix as set."""
    config = read_endpoint_config(str(REPO / "endpoints.production.yml"), "lock_store")

    store = LockStore.create(config)

    assert isinstance(store, SafeRedisLockStore)
    assert store.key_prefix == "kohtaamo:lock:"
    connection = store.red.connection_pool.connection_kwargs
    assert (connection["host"], connection["port"], connection["db"]) == ("127.0.0.1", 6379, 3)
