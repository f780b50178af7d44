"""outbox.claim with several Telegram bridges: each message is claimed by one bridge (on
PostgreSQL, whose rows another bridge is claiming are skipped at once, SKIP LOCKED), a claim
runs out when its bridge stops polling, and a bridge gives back what it cannot deliver."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from api.core.database import make_engine
from api.orm import OutboxMessage
from api.repositories import outbox
from tests.api.conftest import START, migrate
from tests.api.migrations.test_migrations import postgres_url  # noqa: F401 - the fixture

CLAIM_FOR = timedelta(minutes=2)
TG = "tg-"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated database of each kind the API runs on (the embedded and production ones)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'api.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    migrate(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


def queue(engine: Engine, count: int, prefix: str = "tg-") -> list[int]:
    with Session(engine) as session:
        rows = [outbox.stage(session, f"{prefix}{i}", f"m{i}", now=START) for i in range(count)]
        session.commit()
        return [row.id for row in rows]


def claim(engine: Engine, claimant: str, minutes: float = 0, limit: int = 100) -> list[int]:
    now = START + timedelta(minutes=minutes)
    with Session(engine) as session:
        rows = outbox.claim(session, TG, claimant, now=now, until=now + CLAIM_FOR, limit=limit)
        return [row.id for row in rows]


def test_a_claim_is_the_claimants_until_it_runs_out(engine: Engine) -> None:
    ids = queue(engine, 3)
    queue(engine, 1, prefix="web-")  # another channel's conversation
    assert claim(engine, "bridge-1") == ids
    assert claim(engine, "bridge-2", minutes=1) == []  # held by the first
    assert claim(engine, "bridge-1", minutes=1.5) == ids  # renewed: until 3.5 now
    assert claim(engine, "bridge-2", minutes=3) == []
    # The first bridge stopped polling: once its claims ran out, another takes them.
    assert claim(engine, "bridge-2", minutes=4) == ids


def test_delivered_messages_are_never_claimed_and_a_released_one_at_once(engine: Engine) -> None:
    first, second, third = queue(engine, 3)
    assert claim(engine, "bridge-1") == [first, second, third]
    with Session(engine) as session:
        outbox.mark_delivered(session, first, now=START)
        # Not its claim to give back: stays the first bridge's.
        assert outbox.release(session, [second], "bridge-2") == 0
        assert outbox.release(session, [third, 999], "bridge-1") == 1
        assert outbox.release(session, [], "bridge-1") == 0
    assert claim(engine, "bridge-2") == [third]
    assert claim(engine, "bridge-1") == [second]


def test_many_bridges_claiming_at_once_deliver_each_message_once(engine: Engine) -> None:
    """Four bridges poll at the same moment, again and again, ten messages at a time, and mark
    what they got delivered: every message is delivered, by exactly one of them."""
    ids = queue(engine, 120)
    start = threading.Barrier(4)
    got: dict[str, list[int]] = {}
    errors: list[BaseException] = []

    def bridge(name: str) -> None:
        mine: list[int] = []
        try:
            start.wait(timeout=30)
            while batch := claim(engine, name, limit=10):
                with Session(engine) as session:
                    for message_id in batch:
                        outbox.mark_delivered(session, message_id, now=START)
                mine += batch
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)
        got[name] = mine

    threads = [threading.Thread(target=bridge, args=(f"bridge-{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    delivered = [message_id for batch in got.values() for message_id in batch]
    assert sorted(delivered) == ids  # each once: none lost, none twice
    with Session(engine) as session:
        waiting = session.scalars(select(OutboxMessage).where(OutboxMessage.delivered_at.is_(None)))
        assert list(waiting) == []


@pytest.mark.postgres
def test_messages_another_bridge_is_claiming_are_skipped_without_waiting(
    postgres_url: str,  # noqa: F811
) -> None:
    migrate(postgres_url)
    engine = make_engine(postgres_url)
    first, second, third = queue(engine, 3)
    with Session(engine) as claiming:
        # Another bridge is in the middle of claiming the first two: its transaction holds them.
        claiming.scalars(
            select(OutboxMessage).where(OutboxMessage.id.in_([first, second])).with_for_update()
        ).all()
        assert claim(engine, "bridge-2") == [third]  # at once: it would hang if it waited
        claiming.rollback()
    assert claim(engine, "bridge-1") == [first, second]
    engine.dispose()
