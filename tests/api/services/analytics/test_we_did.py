"""Recording a "we did"."""

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import ThemeAction
from api.schemas.analytics import ThemeActionCreate
from api.services.analytics import we_did
from tests.api.conftest import START, MakeUser

ENTRY = ThemeActionCreate(
    theme="digital_services",
    text_fi=" Chat vastaa nyt myös iltaisin ",
    text_sv="Chatten svarar nu också på kvällarna",
    text_en="The chat now answers in the evenings too",
    done_on=date(2026, 11, 30),
)


def test_a_we_did_is_stored_as_written(db: Session, make_user: MakeUser) -> None:
    analyst = make_user("analyst")
    we_did.record(db, ENTRY, user_id=analyst.id, today=date(2026, 12, 1), now=START)
    stored = db.scalars(select(ThemeAction)).one()
    assert (stored.theme, stored.text_fi, stored.done_on) == (
        "digital_services",
        "Chat vastaa nyt myös iltaisin",
        date(2026, 11, 30),
    )
    assert stored.created_by == analyst.id and stored.created_at == START


def test_what_was_done_is_not_in_the_future(db: Session, make_user: MakeUser) -> None:
    analyst = make_user("analyst")
    with pytest.raises(we_did.FutureDate):
        we_did.record(db, ENTRY, user_id=analyst.id, today=date(2026, 11, 29), now=START)
    assert db.scalars(select(ThemeAction)).all() == []
