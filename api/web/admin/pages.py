"""/admin: the developer-client panel's members (every opening audited, as GET /api/v1/panel
is) and its pilot invitations: the form that sends one through the outbox, and the answers.

Every page takes `AdminLogin`: anyone else never reaches the page's code, and `api.main`
answers them with the login form or a 403 page (see rendering.py).
"""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from api.core.clock import today_in_finland
from api.deps import AdminLogin, Login, NowDep, SessionDep, SettingsDep
from api.schemas.panel import TEXT_MAX, TITLE_MAX, PilotCreate
from api.services.panel import pilots, roster
from api.web.admin.rendering import PREFIX, Formats, render
from api.web.staff.layout import redirect, ui_language
from vocabulary.languages import LANGUAGES
from vocabulary.participation import THEMES

router = APIRouter(prefix=PREFIX, include_in_schema=False)
PILOTS_PATH = f"{PREFIX}/pilots"


@router.get("/panel", response_class=HTMLResponse)
def panel_page(request: Request, admin: AdminLogin, session: SessionDep, now: NowDep) -> Response:
    """The members and their counts; the read is in the audit log."""
    members = roster.members(session, admin.user, now=now).members
    context = {
        "login": admin,
        "members": members,
        "tally": roster.tally(members),
        "f": Formats(ui_language(request)),
    }
    return render(request, "admin/panel.html", context)


def pilots_page(
    request: Request,
    login: Login,
    session: SessionDep,
    settings: SettingsDep,
    *,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    created: int | None = None,
) -> Response:
    listed = pilots.listing(session)
    context: dict[str, Any] = {
        "login": login,
        "themes": THEMES,
        "languages": LANGUAGES,
        "values": values or {"interests": []},
        "errors": errors or {},
        "created": next((pilot for pilot in listed if pilot.id == created), None),
        "pilots": listed,
        "title_max": TITLE_MAX,
        "text_max": TEXT_MAX,
        "queue_days": settings.answer_retention_days,
        "f": Formats(ui_language(request)),
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if errors else status.HTTP_200_OK
    return render(request, "admin/pilots.html", context, status_code=code)


@router.get("/pilots", response_class=HTMLResponse)
def pilots_form(
    request: Request, admin: AdminLogin, session: SessionDep, settings: SettingsDep
) -> Response:
    """`?created=<id>`: the pilot just sent, said on top."""
    created = request.query_params.get("created", "")
    chosen = int(created) if created.isdigit() else None
    return pilots_page(request, admin, session, settings, created=chosen)


def field_of(location: tuple[int | str, ...]) -> str:
    """The form field of a PilotCreate error: ("title", "fi") is title_fi."""
    if location[0] in ("title", "text") and len(location) > 1:
        return f"{location[0]}_{location[1]}"
    return str(location[0])


ERRORS = {"title": "error_title", "text": "error_text"}


def parse_pilot(values: dict[str, Any], today: date) -> PilotCreate | dict[str, str]:
    """The pilot, or the problem (a string key) of each field that is wrong."""
    errors: dict[str, str] = {}
    body = {
        "title": {code: values[f"title_{code}"] for code in LANGUAGES},
        "text": {code: values[f"text_{code}"] for code in LANGUAGES},
        "answer_by": values["answer_by"],
        "interests": values["interests"],
    }
    try:
        pilot = PilotCreate.model_validate(body)
    except ValidationError as error:
        for problem in error.errors():
            field = field_of(problem["loc"])
            errors.setdefault(field, ERRORS.get(field.split("_")[0], f"error_{field}"))
        return errors
    if pilot.answer_by < today:
        return {"answer_by": "error_answer_by"}
    return pilot


@router.post("/pilots", response_class=HTMLResponse)
def send_pilot(
    request: Request,
    admin: AdminLogin,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    title_fi: Annotated[str, Form(max_length=1000)],
    title_sv: Annotated[str, Form(max_length=1000)],
    title_en: Annotated[str, Form(max_length=1000)],
    text_fi: Annotated[str, Form(max_length=20000)],
    text_sv: Annotated[str, Form(max_length=20000)],
    text_en: Annotated[str, Form(max_length=20000)],
    answer_by: Annotated[str, Form(max_length=20)],
    interests: Annotated[list[str] | None, Form(max_length=len(THEMES))] = None,
) -> Response:
    """AdminLogin has checked the form's CSRF token. The pilot, its invitations and their
    outbox messages are one transaction (pilots.create)."""
    values: dict[str, Any] = {
        "title_fi": title_fi,
        "title_sv": title_sv,
        "title_en": title_en,
        "text_fi": text_fi,
        "text_sv": text_sv,
        "text_en": text_en,
        "answer_by": answer_by,
        "interests": interests or [],
    }
    # The day the pilot service closes answering by (today in Finland), not a demo's fixed day.
    parsed = parse_pilot(values, today_in_finland(now))
    if isinstance(parsed, dict):
        return pilots_page(request, admin, session, settings, values=values, errors=parsed)
    created = pilots.create(session, parsed, admin.user, now=now)
    return redirect(f"{PILOTS_PATH}?created={created.id}")
