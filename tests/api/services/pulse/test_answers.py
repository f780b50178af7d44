"""A pulse answer is stored anonymously, with its texts redacted and the week's Monday only."""

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import PulseAnswer
from api.schemas.pulse import PulseAnswerIn
from api.services.pulse.answers import record
from tests.api.conftest import KEYWORD_THEMES, START
from tests.api.fake_redactor import FakeRedactor


def body(**fields: object) -> PulseAnswerIn:
    base: dict[str, object] = {
        "offer_kind": "after_meeting",
        "step": "initial_interview",
        "channel": "web",
        "language": "sv",
    }
    return PulseAnswerIn.model_validate(base | fields)


def test_an_answer_is_stored_with_masks_redacted_texts_and_the_week(db: Session) -> None:
    redactor = FakeRedactor()
    stored = record(
        db,
        body(
            outcome="partly",
            rating=4,
            went_well=["staff", "listened_to"],
            to_improve=["quick"],
            went_well_text="Ring mig 0401234567",
            to_improve_text="  ",
        ),
        redactor,
        KEYWORD_THEMES,
        now=START + timedelta(days=5),  # Sunday 6 December
    )
    assert stored is not None
    row = db.scalars(select(PulseAnswer)).one()
    assert row.week_start == date(2026, 11, 30)
    assert (row.step, row.channel, row.language, row.offer_kind) == (
        "initial_interview",
        "web",
        "sv",
        "after_meeting",
    )
    assert (row.outcome, row.rating) == ("partly", 4)
    assert (row.went_well, row.to_improve) == (0b11000, 0b100)
    assert row.went_well_text == "Ring mig <NUMBER>"
    assert row.to_improve_text is None
    # Its theme, found once from the redacted text ("Ring" is no theme's keyword).
    assert (row.went_well_theme, row.to_improve_theme) == ("other", None)
    assert redactor.calls == ["sv"]  # only the text there was, in the answer's language


def test_every_question_skipped_is_no_answer(db: Session) -> None:
    assert record(db, body(went_well_text=""), FakeRedactor(), KEYWORD_THEMES, now=START) is None
    assert db.scalars(select(PulseAnswer)).all() == []


def test_one_question_answered_is_an_answer(db: Session) -> None:
    assert record(db, body(outcome="no"), FakeRedactor(), KEYWORD_THEMES, now=START) is not None


def test_each_text_is_stored_with_its_theme(db: Session) -> None:
    texts = {"went_well_text": "Kursen var bra", "to_improve_text": "Appen kraschar"}
    record(db, body(**texts), FakeRedactor(), KEYWORD_THEMES, now=START)
    row = db.scalars(select(PulseAnswer)).one()
    assert (row.went_well_theme, row.to_improve_theme) == ("training", "digital_services")
