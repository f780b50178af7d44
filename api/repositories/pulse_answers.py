"""Data access for pulse_answers: anonymous answers to the pulse survey."""

from datetime import date

from sqlalchemy.orm import Session

from api.orm import PulseAnswer


def add(
    session: Session,
    *,
    week_start: date,
    step: str,
    channel: str,
    language: str,
    offer_kind: str,
    outcome: str | None,
    rating: int | None,
    went_well: int,
    to_improve: int,
    went_well_text: str | None,
    to_improve_text: str | None,
) -> PulseAnswer:
    """`went_well` and `to_improve` are bit masks; the texts are already redacted."""
    answer = PulseAnswer(
        week_start=week_start,
        step=step,
        channel=channel,
        language=language,
        offer_kind=offer_kind,
        outcome=outcome,
        rating=rating,
        went_well=went_well,
        to_improve=to_improve,
        went_well_text=went_well_text,
        to_improve_text=to_improve_text,
    )
    session.add(answer)
    session.commit()
    return answer
