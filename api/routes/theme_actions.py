"""/api/v1/theme-actions: "you said, we did". Clients hear it through the action server
(service token); analysts and admins record it (`/manage`)."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response, status

from api.deps import AnalystUser, NowDep, RowId, ServiceAuth, SessionDep, TodayDep
from api.schemas.theme_actions import ThemeActionIn, ThemeActionOut, ThemeActionText
from api.services.proposals import theme_actions
from vocabulary.languages import Language
from vocabulary.participation import Theme

router = APIRouter(prefix="/theme-actions", tags=["proposals"])


@router.get("", response_model=list[ThemeActionText], dependencies=[ServiceAuth])
def for_clients(
    session: SessionDep,
    language: Language,
    theme: Annotated[Theme | None, Query(description="one theme's only")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> list[ThemeActionText]:
    """What has come of the proposals: newest first (by the day it was done), in `language`."""
    done = theme_actions.latest(session, language, theme=theme, limit=limit)
    return [ThemeActionText(theme=d.theme, text=d.text, done_on=d.done_on) for d in done]


@router.get("/manage", response_model=list[ThemeActionOut])
def every_entry(analyst: AnalystUser, session: SessionDep) -> list[ThemeActionOut]:
    """Every entry with its three texts, newest first (analysts and admins)."""
    return [ThemeActionOut.model_validate(row) for row in theme_actions.every(session)]


@router.post("/manage", response_model=ThemeActionOut, status_code=status.HTTP_201_CREATED)
def record(
    body: ThemeActionIn, analyst: AnalystUser, session: SessionDep, today: TodayDep, now: NowDep
) -> ThemeActionOut:
    """Records what was done about a theme, in fi, sv and en; 422 for a day in the future."""
    try:
        row = theme_actions.record(
            session,
            theme=body.theme,
            text_fi=body.text_fi,
            text_sv=body.text_sv,
            text_en=body.text_en,
            done_on=body.done_on,
            by=analyst,
            today=today,
            now=now,
        )
    except theme_actions.FutureDateError:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, detail="done_on is in the future"
        ) from None
    return ThemeActionOut.model_validate(row)


@router.delete("/manage/{action_id}", status_code=status.HTTP_204_NO_CONTENT)
def remove(action_id: RowId, analyst: AnalystUser, session: SessionDep) -> Response:
    """A wrong entry goes; 404 for an unknown id."""
    if not theme_actions.remove(session, action_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no such entry")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
