"""What staff see: the admin's members and CSV (audited, safe against formulas) and the
analysts' counts per interest with small groups hidden."""

import csv
import io

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import AuditEntry, User
from api.services.panel import roster
from tests.api.conftest import START, MakeUser
from tests.api.services.panel.conftest import Join
from vocabulary.participation import THEMES


@pytest.fixture
def admin(make_user: MakeUser) -> User:
    return make_user("admin")


def test_members_with_their_choices_and_contacts_audited(
    db: Session, admin: User, join: Join
) -> None:
    join("tg-1", ["training", "digital_services"], languages=["sv", "fi"])
    join("web-2", ["other"], email="matti@example.fi")
    listed = roster.members(db, admin, now=START)
    assert [(m.interests, m.languages, m.contact_channel, m.email) for m in listed.members] == [
        (["digital_services", "training"], ["fi", "sv"], "telegram", None),
        (["other"], ["fi"], "email", "matti@example.fi"),
    ]
    assert listed.members[0].joined_on == START.date()
    assert [(e.action, e.user_id, e.meeting_id) for e in db.scalars(select(AuditEntry))] == [
        ("panel_read", admin.id, None)
    ]


def test_the_csv_export_is_audited_and_safe_against_formulas(
    db: Session, admin: User, join: Join
) -> None:
    join("web-1", ["training"], email="+358401234567@example.fi")
    join("tg-2", ["job_search", "training"])
    rows = list(csv.reader(io.StringIO(roster.members_csv(db, admin, now=START))))
    assert rows[0] == list(roster.CSV_COLUMNS)
    assert rows[1][3:] == ["training", "fi", "email", "'+358401234567@example.fi"]
    assert rows[2][3:] == ["training job_search", "fi", "telegram", ""]
    assert [e.action for e in db.scalars(select(AuditEntry))] == ["panel_export"]


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"])
def test_a_cell_that_would_be_a_formula_is_text(value: str) -> None:
    assert roster.safe_cell(value) == f"'{value}"
    assert roster.safe_cell("matti@example.fi") == "matti@example.fi"


def test_counts_per_interest_hide_groups_smaller_than_min_group(db: Session, join: Join) -> None:
    for n in range(6):
        join(f"tg-{n}", ["training", "job_search"] if n < 2 else ["training"])
    counts = roster.interest_counts(db, min_group=5)
    shown = {c.interest: c.count for c in counts.interests}
    assert list(shown) == list(THEMES)
    assert counts.min_group == 5 and counts.members == 6
    assert shown["training"] == 6
    assert shown["job_search"] is None  # two members: hidden
    assert shown["other"] is None  # none: hidden as well ("fewer than 5")
    assert "email" not in counts.model_dump_json()


def test_a_small_panel_hides_even_its_size(db: Session, join: Join) -> None:
    for n in range(4):
        join(f"tg-{n}", ["training"])
    counts = roster.interest_counts(db, min_group=5)
    assert counts.members is None
    assert {c.count for c in counts.interests} == {None}
    assert roster.interest_counts(db, min_group=4).members == 4


def test_the_tally_of_the_members_read_counts_every_choice(
    db: Session, admin: User, join: Join
) -> None:
    join("tg-1", ["training", "digital_services"], languages=["sv", "fi"])
    join("web-2", ["training"], email="matti@example.fi")
    join("tg-3", ["other"], languages=["en"])
    tally = roster.tally(roster.members(db, admin, now=START).members)
    assert tally.members == 3
    assert list(tally.interests) == list(THEMES)
    assert (tally.interests["training"], tally.interests["other"]) == (2, 1)
    assert tally.interests["job_search"] == 0
    assert tally.languages == {"fi": 2, "sv": 1, "en": 1}
    assert tally.contact_channels == {"telegram": 2, "email": 1}
