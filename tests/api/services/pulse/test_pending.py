"""A survey the client stops after two taps still counts: its answers so far are kept under a
keyed hash, and become one anonymous answer at its end or PULSE_PENDING_TIMEOUT later."""

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.settings import ApiSettings
from api.orm import PulseAnswer, PulsePending
from api.schemas.pulse import PulseAnswerIn
from api.services.pulse import offers, pending
from tests.api.conftest import KEYWORD_THEMES, START
from tests.api.fake_redactor import FakeRedactor

KEY = "tg-0123456789abcdef0123456789abcdef"
OTHER_KEY = "web-5f1c0a"


def body(**fields: object) -> PulseAnswerIn:
    base: dict[str, object] = {
        "offer_kind": "end_of_conversation",
        "step": "assistant",
        "channel": "telegram",
        "language": "fi",
    }
    return PulseAnswerIn.model_validate(base | fields)


def keep(db: Session, settings: ApiSettings, key: str, minutes: int, **fields: object) -> None:
    now = START + timedelta(minutes=minutes)
    pending.keep(db, key, body(**fields), FakeRedactor(), KEYWORD_THEMES, settings, now=now)


def test_two_taps_then_silence_become_one_answer_after_the_timeout(
    db: Session, settings: ApiSettings
) -> None:
    keep(db, settings, KEY, 0, outcome="yes")
    keep(db, settings, KEY, 1, outcome="yes", rating=4)
    assert db.scalars(select(PulseAnswer)).all() == []
    timeout = int(settings.pulse_pending_timeout.total_seconds() // 60)

    assert pending.expire(db, settings, KEYWORD_THEMES, now=START + timedelta(minutes=timeout)) == 0
    assert (
        pending.expire(
            db, settings, KEYWORD_THEMES, now=START + timedelta(minutes=1 + timeout, seconds=1)
        )
        == 1
    )
    db.commit()

    row = db.scalars(select(PulseAnswer)).one()
    assert (row.outcome, row.rating, row.step, row.channel) == ("yes", 4, "assistant", "telegram")
    assert db.scalars(select(PulsePending)).all() == []


def test_the_end_of_the_survey_stores_it_once_and_forgets_the_hash(
    db: Session, settings: ApiSettings
) -> None:
    keep(db, settings, KEY, 0, outcome="partly", rating=3, went_well_text="soita 0401234567")
    kept = db.scalars(select(PulsePending)).one()
    assert kept.answer["went_well_text"] == "soita <NUMBER>"  # redacted before it is kept
    assert KEY not in kept.client_hash

    final = body(outcome="partly", rating=3, went_well=["staff"], went_well_text="soita 0401")
    pending.submit(
        db, KEY, final, FakeRedactor(), KEYWORD_THEMES, settings, now=START + timedelta(minutes=2)
    )
    pending.expire(db, settings, KEYWORD_THEMES, now=START + timedelta(days=1))
    db.commit()

    row = db.scalars(select(PulseAnswer)).one()
    assert (row.rating, row.went_well_text) == (3, "soita <NUMBER>")
    assert db.scalars(select(PulsePending)).all() == []


def test_every_question_skipped_keeps_nothing(db: Session, settings: ApiSettings) -> None:
    keep(db, settings, KEY, 0, outcome="no")
    keep(db, settings, KEY, 1)
    pending.expire(db, settings, KEYWORD_THEMES, now=START + timedelta(days=1))
    assert db.scalars(select(PulseAnswer)).all() == []
    assert db.scalars(select(PulsePending)).all() == []


def test_two_conversations_are_kept_apart(db: Session, settings: ApiSettings) -> None:
    keep(db, settings, KEY, 0, rating=5)
    keep(db, settings, OTHER_KEY, 0, rating=1)
    assert len(db.scalars(select(PulsePending)).all()) == 2


def test_the_hash_cannot_be_joined_with_the_weekly_limits(settings: ApiSettings) -> None:
    key = settings.pulse_ask_key.get_secret_value()
    assert pending.pending_hash(KEY, settings) != offers.client_hash(KEY, key)
