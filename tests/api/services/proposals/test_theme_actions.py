""" "You said, we did": recorded by staff in three languages, told to clients in theirs."""

from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from api.orm import User
from api.services.proposals import theme_actions
from api.services.proposals.theme_actions import DoneText
from tests.api.conftest import START, MakeUser
from vocabulary.participation import Theme

TODAY = date(2026, 12, 1)


@pytest.fixture
def analyst(make_user: MakeUser) -> User:
    return make_user("analyst")


def done(db: Session, by: User, theme: Theme, on: date, what: str = "x") -> None:
    theme_actions.record(
        db,
        theme=theme,
        text_fi=f"{what} fi",
        text_sv=f"{what} sv",
        text_en=f"{what} en",
        done_on=on,
        by=by,
        today=TODAY,
        now=START,
    )


def test_newest_first_in_the_language_one_theme_or_all(db: Session, analyst: User) -> None:
    done(db, analyst, "training", date(2026, 10, 1), "courses")
    done(db, analyst, "digital_services", date(2026, 11, 1), "login")
    done(db, analyst, "training", date(2026, 11, 15), "evening classes")
    assert theme_actions.latest(db, "sv", theme="training") == [
        DoneText("training", "evening classes sv", date(2026, 11, 15)),
        DoneText("training", "courses sv", date(2026, 10, 1)),
    ]
    assert [d.text for d in theme_actions.latest(db, "en", limit=2)] == [
        "evening classes en",
        "login en",
    ]
    assert theme_actions.latest(db, "fi", theme="job_search") == []


def test_each_themes_newest_is_its_status(db: Session, analyst: User) -> None:
    done(db, analyst, "training", date(2026, 10, 1), "old")
    done(db, analyst, "training", date(2026, 11, 1), "new")
    status = theme_actions.latest_per_theme(db)
    assert list(status) == ["training"]
    assert status["training"].text_en == "new en"


def test_a_day_in_the_future_is_refused(db: Session, analyst: User) -> None:
    with pytest.raises(theme_actions.FutureDateError):
        done(db, analyst, "training", TODAY + timedelta(days=1))
    done(db, analyst, "training", TODAY)
    assert len(theme_actions.every(db)) == 1


def test_a_wrong_entry_can_be_removed(db: Session, analyst: User) -> None:
    done(db, analyst, "training", TODAY)
    (entry,) = theme_actions.every(db)
    assert entry.created_by == analyst.id
    assert theme_actions.remove(db, entry.id)
    assert not theme_actions.remove(db, entry.id)
    assert theme_actions.every(db) == []
