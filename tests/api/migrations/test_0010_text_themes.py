"""Migration 0010: each pulse text's theme is a column of its answer. Texts stored before it
have none until `classify-texts` gives them theirs; the triggers of 0007 keep counting, also
after a downgrade, on SQLite and PostgreSQL."""

import random
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, insert, inspect, select, text
from sqlalchemy.orm import Session

from api.core.settings import REPO_ROOT
from api.orm import PulseAnswer
from api.services.themes.backfill import classify_unthemed
from tests.api.conftest import KEYWORD_THEMES, migrate
from tests.api.migrations.test_0007_analytics import (
    expected_cells,
    made_up,
    postgres_url,  # noqa: F401 - the fixture
    stored_cells,
)

THEMES = ("went_well_theme", "to_improve_theme")


def check_the_themes(url: str) -> None:
    rng = random.Random(8)
    config = Config(str(REPO_ROOT / "api" / "alembic.ini"))
    config.attributes["database_url"] = url
    command.upgrade(config, "0009")
    engine = create_engine(url)
    rows = made_up(rng, 60)
    for row in rows[:5]:
        row["to_improve_text"] = "Lisää kursseja"
    with Session(engine) as session:
        session.execute(insert(PulseAnswer), rows)  # before the migration: no theme columns
        session.commit()
    migrate(url)
    with Session(engine) as session:
        assert (
            session.scalar(select(PulseAnswer.id).where(PulseAnswer.to_improve_theme.is_not(None)))
            is None
        )
        with_texts = sum(bool(r["went_well_text"]) + bool(r["to_improve_text"]) for r in rows)
        assert classify_unthemed(session, KEYWORD_THEMES) == with_texts
        assert classify_unthemed(session, KEYWORD_THEMES) == 0  # nothing left
        for answer in session.scalars(select(PulseAnswer)):
            assert (answer.went_well_theme is None) == (not answer.went_well_text)
            assert (answer.to_improve_theme is None) == (not answer.to_improve_text)
        themes = session.scalars(
            select(PulseAnswer.to_improve_theme).where(
                PulseAnswer.to_improve_text == "Lisää kursseja"
            )
        ).all()
        assert themes == ["training"] * 5
        assert stored_cells(session) == expected_cells(session)  # the updates changed no count

    command.downgrade(config, "0009")
    columns = {column["name"] for column in inspect(engine).get_columns("pulse_answers")}
    assert not columns & set(THEMES)
    with Session(engine) as session:
        session.execute(insert(PulseAnswer), made_up(rng, 10))  # the triggers still count
        session.commit()
        counted = "SELECT SUM(answers) FROM pulse_answer_margins WHERE dimension = 'outcome'"
        assert session.scalar(text(counted)) == 70
        assert session.scalar(text("SELECT COUNT(*) FROM pulse_answers")) == 70
    migrate(url)
    with Session(engine) as session:
        assert stored_cells(session) == expected_cells(session)
    engine.dispose()


def test_texts_get_their_themes_and_the_counts_hold_on_sqlite(tmp_path: Path) -> None:
    check_the_themes(f"sqlite:///{tmp_path / 'api.db'}")


@pytest.mark.postgres
def test_texts_get_their_themes_and_the_counts_hold_on_postgresql(postgres_url: str) -> None:  # noqa: F811
    check_the_themes(postgres_url)
