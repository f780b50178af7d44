"""/api/v1/analytics: the pulse survey's and the proposals' aggregates, for analysts and
admins (anyone else: 403). Hidden figures are null; see api/services/analytics."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, status
from fastapi.responses import Response

from api.deps import AnalystLogin, SessionDep, SettingsDep, ThemeClassifierDep, TodayDep
from api.schemas.analytics import ProposalAnalytics, PulseAnalytics
from api.services.analytics import csv_export, proposals, pulse
from api.services.analytics.pulse import BadRange, Weeks

router = APIRouter(prefix="/analytics", tags=["analytics"])


def chosen_weeks(
    today: TodayDep,
    start: Annotated[
        date | None,
        Query(alias="from", description="A day of the first week (default: 11 weeks back)."),
    ] = None,
    end: Annotated[
        date | None, Query(alias="to", description="The last day (default: today).")
    ] = None,
) -> Weeks:
    """Whole weeks: answers are stored by their week's Monday only."""
    try:
        return Weeks.chosen(start, end, today)
    except BadRange as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(error)) from None


WeeksDep = Annotated[Weeks, Depends(chosen_weeks)]


@router.get("/pulse", response_model=PulseAnalytics)
def pulse_analytics(
    analyst: AnalystLogin,
    session: SessionDep,
    settings: SettingsDep,
    weeks: WeeksDep,
    classifier: ThemeClassifierDep,
) -> PulseAnalytics:
    """The themes are those stored with each text (`theme_method` names how they were found)."""
    return pulse.report(
        session,
        weeks,
        min_group=settings.min_group,
        theme_texts=settings.analytics_theme_texts,
        theme_method=classifier.method,
    )


@router.get("/proposals", response_model=ProposalAnalytics)
def proposal_analytics(
    analyst: AnalystLogin, session: SessionDep, settings: SettingsDep, weeks: WeeksDep
) -> ProposalAnalytics:
    return proposals.report(session, weeks, min_group=settings.min_group)


@router.get("/export.csv", response_class=Response)
def export_csv(
    analyst: AnalystLogin,
    session: SessionDep,
    settings: SettingsDep,
    weeks: WeeksDep,
    classifier: ThemeClassifierDep,
) -> Response:
    """Both as CSV (safe against spreadsheet formulas), one figure a row."""
    body = csv_export.to_csv(
        pulse_analytics(analyst, session, settings, weeks, classifier),
        proposal_analytics(analyst, session, settings, weeks),
    )
    name = f"kohtaamo-analytics-{weeks.first.isoformat()}-{weeks.last_day.isoformat()}.csv"
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )
