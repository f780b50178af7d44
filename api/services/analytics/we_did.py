"""Recording a "we did" (ThemeAction): what the service developers did about a theme.

Written here with the ORM for the analyst's page; the proposals service of the pulse API
(GET/POST /api/v1/theme-actions) may take this over: this module is all there is to swap.
"""

from datetime import date, datetime

from sqlalchemy.orm import Session

from api.orm import ThemeAction
from api.repositories import analytics
from api.schemas.analytics import ThemeActionCreate, ThemeActionOut


class FutureDate(ValueError):
    """A "we did" is about something done: not later than today."""


def record(
    session: Session, entry: ThemeActionCreate, *, user_id: int, today: date, now: datetime
) -> ThemeAction:
    if entry.done_on > today:
        raise FutureDate(entry.done_on.isoformat())
    action = ThemeAction(
        theme=entry.theme,
        text_fi=entry.text_fi,
        text_sv=entry.text_sv,
        text_en=entry.text_en,
        done_on=entry.done_on,
        created_by=user_id,
        created_at=now,
    )
    session.add(action)
    session.commit()
    return action


def recorded(session: Session) -> list[ThemeActionOut]:
    """Every "we did", newest first."""
    return [
        ThemeActionOut.model_validate(action, from_attributes=True)
        for action in analytics.theme_actions(session)
    ]
