"""Data access for theme_actions: "you said, we did", per theme."""

from datetime import date, datetime

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session

from api.orm import ThemeAction


def add(
    session: Session,
    *,
    theme: str,
    text_fi: str,
    text_sv: str,
    text_en: str,
    done_on: date,
    created_by: int,
    now: datetime,
) -> ThemeAction:
    action = ThemeAction(
        theme=theme,
        text_fi=text_fi,
        text_sv=text_sv,
        text_en=text_en,
        done_on=done_on,
        created_by=created_by,
        created_at=now,
    )
    session.add(action)
    session.commit()
    return action


def _newest_first() -> Select[ThemeAction]:
    return select(ThemeAction).order_by(ThemeAction.done_on.desc(), ThemeAction.id.desc())


def newest(
    session: Session, *, theme: str | None = None, limit: int | None = None
) -> list[ThemeAction]:
    """Newest first (by the day it was done, then the latest recorded); one theme's or all."""
    query = _newest_first()
    if theme is not None:
        query = query.where(ThemeAction.theme == theme)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def remove(session: Session, action_id: int) -> bool:
    result = session.execute(delete(ThemeAction).where(ThemeAction.id == action_id))
    session.commit()
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]
