"""Data access for pulse_answers: anonymous answers to the pulse survey."""

from datetime import date

from sqlalchemy import literal_column, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

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
    went_well_theme: str | None,
    to_improve_theme: str | None,
) -> PulseAnswer:
    """`went_well` and `to_improve` are bit masks; the texts are already redacted, each with
    its theme (None: no text)."""
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
        went_well_theme=went_well_theme,
        to_improve_theme=to_improve_theme,
    )
    session.add(answer)
    session.commit()
    return answer


def _columns(
    side: str,
) -> tuple[InstrumentedAttribute[str | None], InstrumentedAttribute[str | None]]:
    """The text and theme columns of one side ("went_well" or "to_improve")."""
    if side == "went_well":
        return PulseAnswer.went_well_text, PulseAnswer.went_well_theme
    return PulseAnswer.to_improve_text, PulseAnswer.to_improve_theme


def unthemed_texts(session: Session, *, side: str, limit: int) -> list[tuple[int, str, str]]:
    """(answer id, language, text) of up to `limit` texts of this side stored with no theme."""
    text, theme = _columns(side)
    query = (
        select(PulseAnswer.id, PulseAnswer.language, text)
        .where(text != literal_column("''"), theme.is_(None))
        .order_by(PulseAnswer.id)
        .limit(limit)
    )
    return [(i, language, found) for i, language, found in session.execute(query) if found]


def store_themes(session: Session, *, side: str, themes: dict[int, str]) -> None:
    """Each answer's (by id) theme of this side's text; the caller commits."""
    column = "went_well_theme" if side == "went_well" else "to_improve_theme"
    session.execute(
        update(PulseAnswer),
        [{"id": answer_id, column: theme} for answer_id, theme in themes.items()],
    )
