"""Migration 0007: the database's triggers keep the analytics' cells equal to the stored
pulse answers, whatever writes them (one row, many at once, deletes, updates), on SQLite and
PostgreSQL; answers stored before the migration are counted when it runs."""

import random
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, delete, insert, select, text, update
from sqlalchemy.orm import Session

from api.core.settings import REPO_ROOT
from api.orm import PulseAnswer, PulseAnswerMargin, PulseDriverCell, PulseOffer, PulseOfferCell
from tests.api.conftest import migrate
from tests.api.migrations.test_migrations import POSTGRES_ADMIN_URL
from vocabulary.service_steps import DRIVERS, OUTCOMES, SERVICE_STEPS

MONDAY = date(2026, 11, 23)


def made_up(rng: random.Random, count: int) -> list[dict[str, object]]:
    return [
        {
            "week_start": MONDAY - timedelta(weeks=rng.randrange(3)),
            "step": rng.choice(SERVICE_STEPS[:2]),
            "channel": rng.choice(("web", "telegram")),
            "language": rng.choice(("fi", "sv")),
            "offer_kind": "on_request",
            "outcome": rng.choice((*OUTCOMES, None)),
            "rating": rng.choice((1, 5, None)),
            "went_well": rng.randrange(1 << len(DRIVERS)),
            "to_improve": rng.randrange(1 << len(DRIVERS)),
            "went_well_text": rng.choice((None, "", "Nopeaa")),
            "to_improve_text": rng.choice((None, "Jono")),
        }
        for _ in range(count)
    ]


def expected_cells(
    session: Session,
) -> tuple[Counter[tuple[object, ...]], Counter[tuple[object, ...]]]:
    """The cells counted from the answers themselves, the plain way."""
    cells: Counter[tuple[object, ...]] = Counter()
    drivers: Counter[tuple[object, ...]] = Counter()
    for a in session.scalars(select(PulseAnswer)):
        for dimension in ("outcome", "step", "channel", "language", "offer_kind"):
            key = (a.week_start, dimension, getattr(a, dimension) or "")
            cells[(*key, "answers")] += 1
            cells[(*key, "rated")] += a.rating is not None
            cells[(*key, "rating_sum")] += a.rating or 0
            cells[(*key, "went_well_texts")] += bool(a.went_well_text)
            cells[(*key, "to_improve_texts")] += bool(a.to_improve_text)
        for bit in range(len(DRIVERS)):
            drivers[(a.week_start, "went_well", bit)] += a.went_well >> bit & 1
            drivers[(a.week_start, "to_improve", bit)] += a.to_improve >> bit & 1
    return +cells, +drivers


def stored_cells(
    session: Session,
) -> tuple[Counter[tuple[object, ...]], Counter[tuple[object, ...]]]:
    cells: Counter[tuple[object, ...]] = Counter()
    for c in session.scalars(select(PulseAnswerMargin)):
        key = (c.week_start, c.dimension, c.value)
        for name in ("answers", "rated", "rating_sum", "went_well_texts", "to_improve_texts"):
            cells[(*key, name)] = getattr(c, name)
    drivers: Counter[tuple[object, ...]] = Counter()
    for d in session.scalars(select(PulseDriverCell)):
        drivers[(d.week_start, d.side, d.bit)] = d.answers
    return +cells, +drivers


def offers_counted(session: Session) -> tuple[Counter[tuple[object, ...]], ...]:
    """(the offers' cells, the offers counted the plain way)."""
    stored: Counter[tuple[object, ...]] = Counter()
    for cell in session.scalars(select(PulseOfferCell)):
        stored[cell.week_start, cell.offer_kind] = cell.offers
    plain = Counter((o.week_start, o.offer_kind) for o in session.scalars(select(PulseOffer)))
    return +stored, +plain


def offer_rows(rng: random.Random, count: int) -> list[dict[str, object]]:
    return [
        {
            "week_start": MONDAY - timedelta(weeks=rng.randrange(3)),
            "offer_kind": rng.choice(("on_request", "after_meeting")),
            "channel": "web",
            "language": "fi",
        }
        for _ in range(count)
    ]


def check_the_triggers(url: str) -> None:
    rng = random.Random(5)
    config = Config(str(REPO_ROOT / "api" / "alembic.ini"))
    config.attributes["database_url"] = url
    command.upgrade(config, "0004")
    engine = create_engine(url)
    with Session(engine) as session:
        session.execute(insert(PulseAnswer), made_up(rng, 40))  # before the migration
        session.execute(insert(PulseOffer), offer_rows(rng, 30))
        session.commit()
    migrate(url)
    with Session(engine) as session:
        assert stored_cells(session) == expected_cells(session)
        stored, plain = offers_counted(session)
        assert stored == plain
        session.execute(insert(PulseOffer), offer_rows(rng, 50))
        session.execute(delete(PulseOffer).where(PulseOffer.offer_kind == "after_meeting"))
        session.commit()
        stored, plain = offers_counted(session)
        assert stored == plain and sum(plain.values()) > 30
        session.add(PulseAnswer(**made_up(rng, 1)[0]))  # one row
        session.commit()
        session.execute(insert(PulseAnswer), made_up(rng, 300))  # many at once
        session.commit()
        assert stored_cells(session) == expected_cells(session)
        session.execute(delete(PulseAnswer).where(PulseAnswer.rating == 1))
        session.execute(
            update(PulseAnswer)
            .where(PulseAnswer.outcome == "no")
            .values(outcome="yes", went_well=3, week_start=MONDAY + timedelta(weeks=1))
        )
        session.commit()
        assert stored_cells(session) == expected_cells(session)
        session.execute(delete(PulseAnswer))
        session.commit()
        assert stored_cells(session) == (Counter(), Counter())
    engine.dispose()


def test_the_cells_equal_the_answers_on_sqlite(tmp_path: Path) -> None:
    check_the_triggers(f"sqlite:///{tmp_path / 'api.db'}")


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
def test_the_cells_equal_the_answers_on_postgresql(postgres_url: str) -> None:
    check_the_triggers(postgres_url)
