""" "You said, we did": what the service developers did about a theme's proposals.

Recorded by analysts and admins (the JSON API and the analyst's pages call `record`); clients
hear it in their language when they give a proposal in that theme or ask what has come of the
proposals (`latest`).
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from api.orm import ThemeAction, User
from api.repositories import theme_actions
from vocabulary.languages import Language
from vocabulary.participation import THEMES, Theme

SHOWN_WITH_A_PROPOSAL = 3  # a proposal's reply tells at most this many, newest first


@dataclass(frozen=True)
class DoneText:
    """One "we did" in one language."""

    theme: Theme
    text: str
    done_on: date


class FutureDateError(ValueError):
    """What is done cannot be dated in the future."""


def _theme(value: str) -> Theme:
    for theme in THEMES:
        if value == theme:
            return theme
    return "other"


def text_in(action: ThemeAction, language: Language) -> str:
    texts: dict[Language, str] = {"fi": action.text_fi, "sv": action.text_sv, "en": action.text_en}
    return texts[language]


def record(
    session: Session,
    *,
    theme: Theme,
    text_fi: str,
    text_sv: str,
    text_en: str,
    done_on: date,
    by: User,
    today: date,
    now: datetime,
) -> ThemeAction:
    """Raises FutureDateError for a day after `today`."""
    if done_on > today:
        raise FutureDateError(done_on.isoformat())
    return theme_actions.add(
        session,
        theme=theme,
        text_fi=text_fi,
        text_sv=text_sv,
        text_en=text_en,
        done_on=done_on,
        created_by=by.id,
        now=now,
    )


def latest(
    session: Session, language: Language, *, theme: Theme | None = None, limit: int | None = None
) -> list[DoneText]:
    """Newest first (by the day done), in `language`; one theme's or every theme's."""
    rows = theme_actions.newest(session, theme=theme, limit=limit)
    return [DoneText(_theme(row.theme), text_in(row, language), row.done_on) for row in rows]


def every(session: Session) -> list[ThemeAction]:
    """All of them, newest first, with their three texts (for the staff)."""
    return theme_actions.newest(session)


def latest_per_theme(session: Session) -> dict[Theme, ThemeAction]:
    """Each theme's newest "we did" (themes with none are missing): its status."""
    found: dict[Theme, ThemeAction] = {}
    for row in theme_actions.newest(session):
        found.setdefault(_theme(row.theme), row)
    return found


def remove(session: Session, action_id: int) -> bool:
    """False: no such entry."""
    return theme_actions.remove(session, action_id)
