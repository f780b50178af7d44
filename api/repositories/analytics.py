"""Data access for the analytics: aggregates of the pulse survey and the proposals, by week.

Every function takes the weeks as `first_week` (a Monday) and `last_day`. The counts come
from margins and cells that the database's triggers keep (migration 0007): a million answers
over two years are under two thousand rows before Python sees them.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, literal_column, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from api.orm import (
    Proposal,
    PulseAnswer,
    PulseAnswerMargin,
    PulseDriverCell,
    PulseOfferCell,
    ThemeAction,
)


@dataclass(frozen=True)
class AnswerMargin:
    """The answers of a week with one value of one dimension (outcome, step, channel,
    language, offer_kind; a skipped outcome is '')."""

    week_start: date
    dimension: str
    value: str
    answers: int
    rated: int  # answers with a rating
    rating_sum: int
    went_well_texts: int  # answers with that free text
    to_improve_texts: int


@dataclass(frozen=True)
class OfferCell:
    week_start: date
    offer_kind: str
    offers: int


def _weeks(
    column: InstrumentedAttribute[date], first_week: date, last_day: date
) -> ColumnElement[bool]:
    return column.between(first_week, last_day)


def answer_margins(session: Session, first_week: date, last_day: date) -> list[AnswerMargin]:
    """From the margins the database's triggers keep (migration 0007), not the answers."""
    margin = PulseAnswerMargin
    query = select(
        margin.week_start,
        margin.dimension,
        margin.value,
        margin.answers,
        margin.rated,
        margin.rating_sum,
        margin.went_well_texts,
        margin.to_improve_texts,
    ).where(_weeks(margin.week_start, first_week, last_day), margin.answers > 0)
    return [AnswerMargin(*row) for row in session.execute(query)]


def offer_cells(session: Session, first_week: date, last_day: date) -> list[OfferCell]:
    cell = PulseOfferCell
    query = select(cell.week_start, cell.offer_kind, cell.offers).where(
        _weeks(cell.week_start, first_week, last_day), cell.offers > 0
    )
    return [OfferCell(*row) for row in session.execute(query)]


def driver_counts(
    session: Session, first_week: date, last_day: date, *, side: str
) -> dict[int, int]:
    """How many answers picked each driver (by its bit) as having gone well (`side`
    "went_well") or to be improved ("to_improve")."""
    cell = PulseDriverCell
    query = (
        select(cell.bit, func.sum(cell.answers))
        .where(_weeks(cell.week_start, first_week, last_day), cell.side == side)
        .group_by(cell.bit)
    )
    return {bit: int(count) for bit, count in session.execute(query)}


@dataclass(frozen=True)
class ThemedText:
    text: str
    theme: str


def free_texts(
    session: Session,
    first_week: date,
    last_day: date,
    *,
    side: str,
    language: str,
    limit: int,
) -> list[ThemedText]:
    """The newest `limit` free texts of this side and language in the weeks that have their
    theme: of the latest weeks first, and within a week the last stored first (answers carry
    no finer time)."""
    text, theme = (
        (PulseAnswer.went_well_text, PulseAnswer.went_well_theme)
        if side == "went_well"
        else (PulseAnswer.to_improve_text, PulseAnswer.to_improve_theme)
    )
    query = (
        select(text, theme)
        .where(
            _weeks(PulseAnswer.week_start, first_week, last_day),
            PulseAnswer.language == language,
            # Written out, not a parameter: so the databases see it is the partial index's
            # condition (migration 0007) and use it.
            text != literal_column("''"),
            theme.is_not(None),
        )
        .order_by(PulseAnswer.week_start.desc(), PulseAnswer.id.desc())
        .limit(limit)
    )
    return [
        ThemedText(found, theme_of)
        for found, theme_of in session.execute(query)
        if found and theme_of
    ]


def proposal_counts(session: Session, first_week: date, last_day: date) -> dict[str, int]:
    query = (
        select(Proposal.theme, func.count())
        .where(_weeks(Proposal.week_start, first_week, last_day))
        .group_by(Proposal.theme)
    )
    return {theme: count for theme, count in session.execute(query)}


def newest_proposals(
    session: Session, first_week: date, last_day: date, theme: str, limit: int
) -> list[str]:
    query = (
        select(Proposal.text)
        .where(_weeks(Proposal.week_start, first_week, last_day), Proposal.theme == theme)
        .order_by(Proposal.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def theme_actions(session: Session) -> Sequence[ThemeAction]:
    """Every "we did", newest first."""
    query = select(ThemeAction).order_by(ThemeAction.done_on.desc(), ThemeAction.id.desc())
    return session.scalars(query).all()
