"""/analyst: the service developers' dashboard and the form that records a "we did".

Every page takes `AnalystLogin` (analysts and admins): anyone else never reaches the page's
code, and `api.main` answers them with the login form or a 403 page (see rendering.py).
"""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from api.deps import (
    AnalystLogin,
    Login,
    NowDep,
    SessionDep,
    SettingsDep,
    ThemeClassifierDep,
    TodayDep,
)
from api.schemas.analytics import PulseAnalytics, ThemeActionCreate, ThemeActionOut
from api.services.analytics import proposals, pulse
from api.services.analytics.pulse import COMPLETION_KEYS, MAX_WEEKS, BadRange, Weeks
from api.services.proposals import theme_actions
from api.web.analyst import charts
from api.web.analyst.rendering import PREFIX, Formats, render
from api.web.staff.layout import redirect, ui_language
from vocabulary.participation import THEMES

router = APIRouter(prefix=PREFIX, include_in_schema=False)


def parse_day(value: str | None) -> date | None:
    """A date field's value; empty or wrong: none."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@router.get("", response_class=HTMLResponse)
def dashboard(
    request: Request,
    analyst: AnalystLogin,
    session: SessionDep,
    settings: SettingsDep,
    today: TodayDep,
    classifier: ThemeClassifierDep,
) -> Response:
    """`?from=&to=` as the date fields send them; a wrong range shows the default one."""
    start = parse_day(request.query_params.get("from"))
    end = parse_day(request.query_params.get("to"))
    range_error = False
    try:
        weeks = Weeks.chosen(start, end, today)
    except BadRange:
        range_error = True
        weeks = Weeks.chosen(None, None, today)
    figures = pulse.report(
        session,
        weeks,
        min_group=settings.min_group,
        theme_texts=settings.analytics_theme_texts,
        theme_method=classifier.method,
    )
    ideas = proposals.report(session, weeks, min_group=settings.min_group)
    language = ui_language(request)
    formats = Formats(language, settings.min_group)
    context = {
        "login": analyst,
        "weeks": weeks,
        "range_error": range_error,
        "max_weeks": MAX_WEEKS,
        "pulse": figures,
        "proposals": ideas,
        "f": formats,
        "outcomes": COMPLETION_KEYS,
        "charts": dashboard_charts(figures, formats),
        "theme_texts": settings.analytics_theme_texts,
        "csv_query": f"from={weeks.first.isoformat()}&to={weeks.last_day.isoformat()}",
        "we_did_text": lambda action: getattr(action, f"text_{language}"),
    }
    return render(request, "analyst/dashboard.html", context)


def dashboard_charts(figures: PulseAnalytics, f: Formats) -> dict[str, charts.Chart | None]:
    """Each chart, or None when it would have nothing to draw (all hidden or empty)."""
    t = f.strings
    several_years = len({week.week.isocalendar().year for week in figures.by_week}) > 1
    weeks = [(f.week_number(week.week, several_years), week) for week in figures.by_week]
    means = [(label, week.mean) for label, week in weeks if week.mean is not None]
    outcome_names = [t[f"outcome_{outcome}"] for outcome in COMPLETION_KEYS]
    completion = [
        (label, t[f"outcome_{outcome}"], count)
        for label, week in weeks
        for outcome, count in week.completion.model_dump().items()
        if count
    ]
    sides = [t["went_well"], t["to_improve"]]
    drivers = [
        (f.name(driver.driver), side, driver.count)
        for side, counts in zip(sides, (figures.went_well, figures.to_improve), strict=True)
        for driver in counts
        if driver.count is not None
    ]
    steps = [(f.name(step.step), step.mean) for step in figures.by_step if step.mean is not None]
    offer_series = [t["col_offered"], t["col_answered"]]
    offers = [
        (f.name(kind.offer_kind), series, value)
        for kind in figures.by_offer_kind
        for series, value in zip(offer_series, (kind.offered, kind.answered), strict=True)
        if value is not None
    ]
    return {
        "mean": charts.line(
            "chart-mean",
            t["chart_mean_title"],
            t["chart_mean_desc"],
            means,
            x_title=t["col_week"],
            y_title=t["col_mean"],
            domain=(1, 5),
        )
        if means
        else None,
        "completion": charts.stacked(
            "chart-completion",
            t["chart_completion_title"],
            t["chart_completion_desc"],
            completion,
            x_title=t["col_week"],
            y_title=t["col_count"],
            x_order=[label for label, _ in weeks],
            series_order=outcome_names,
        )
        if completion
        else None,
        "drivers": charts.grouped(
            "chart-drivers",
            t["chart_drivers_title"],
            t["chart_drivers_desc"],
            drivers,
            category_title=t["col_driver"],
            value_title=t["col_count"],
            category_order=[f.name(driver.driver) for driver in figures.went_well],
            series_order=sides,
        )
        if any(count for _, _, count in drivers)
        else None,
        "steps": charts.bars(
            "chart-steps",
            t["chart_steps_title"],
            t["chart_steps_desc"],
            steps,
            category_title=t["col_step"],
            value_title=t["col_mean"],
            category_order=[f.name(step.step) for step in figures.by_step],
            domain=(0, 5),
        )
        if steps
        else None,
        "offers": charts.grouped(
            "chart-offers",
            t["chart_offers_title"],
            t["chart_offers_desc"],
            offers,
            category_title=t["col_offer_kind"],
            value_title=t["col_count"],
            category_order=[f.name(kind.offer_kind) for kind in figures.by_offer_kind],
            series_order=offer_series,
        )
        if any(value for _, _, value in offers)
        else None,
    }


def we_did_page(
    request: Request,
    login: Login,
    session: SessionDep,
    settings: SettingsDep,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    saved: bool = False,
) -> Response:
    context: dict[str, Any] = {
        "login": login,
        "themes": THEMES,
        "values": values or {},
        "errors": errors or {},
        "saved": saved,
        "recorded": [
            ThemeActionOut.model_validate(action, from_attributes=True)
            for action in theme_actions.every(session)
        ],
        "f": Formats(ui_language(request), settings.min_group),
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if errors else status.HTTP_200_OK
    return render(request, "analyst/we_did.html", context, status_code=code)


@router.get("/we-did", response_class=HTMLResponse)
def we_did_form(
    request: Request, analyst: AnalystLogin, session: SessionDep, settings: SettingsDep
) -> Response:
    saved = request.query_params.get("saved") == "1"
    return we_did_page(request, analyst, session, settings, saved=saved)


FIELD_ERRORS = {"theme": "error_theme", "done_on": "error_done_on"}


@router.post("/we-did", response_class=HTMLResponse)
def record_we_did(
    request: Request,
    analyst: AnalystLogin,
    session: SessionDep,
    settings: SettingsDep,
    today: TodayDep,
    now: NowDep,
    theme: Annotated[str, Form(max_length=64)],
    text_fi: Annotated[str, Form(max_length=2000)],
    text_sv: Annotated[str, Form(max_length=2000)],
    text_en: Annotated[str, Form(max_length=2000)],
    done_on: Annotated[str, Form(max_length=20)],
) -> Response:
    """AnalystLogin has checked the form's CSRF token."""
    values = {
        "theme": theme,
        "text_fi": text_fi,
        "text_sv": text_sv,
        "text_en": text_en,
        "done_on": done_on,
    }
    errors: dict[str, str] = {}
    try:
        entry = ThemeActionCreate.model_validate(values)
        theme_actions.record(
            session,
            theme=entry.theme,
            text_fi=entry.text_fi,
            text_sv=entry.text_sv,
            text_en=entry.text_en,
            done_on=entry.done_on,
            by=analyst.user,
            today=today,
            now=now,
        )
    except ValidationError as error:
        for problem in error.errors():
            field = str(problem["loc"][0])
            errors[field] = FIELD_ERRORS.get(field, "error_text")
    except theme_actions.FutureDateError:
        errors["done_on"] = "error_done_on"
    if errors:
        return we_did_page(request, analyst, session, settings, values=values, errors=errors)
    return redirect(f"{PREFIX}/we-did?saved=1")
