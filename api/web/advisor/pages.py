"""/advisor: the advisor's pages: meetings, a new meeting's invitation, a meeting's summary.

Every page takes `AdvisorLogin` (or `AdvisorMeeting`): anyone else never reaches the page's
code, and `api.main` answers them with the login form, 403 or 404 (see rendering.py).
"""

from datetime import date, datetime, time
from typing import Annotated

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from api.core.clock import FINLAND
from api.deps import AdvisorLogin, AdvisorMeeting, FaqDep, Login, NowDep, SessionDep, SettingsDep
from api.repositories import meetings, outbox
from api.schemas.meetings import PERSONAL_IDENTITY_CODE, MeetingCreate
from api.services.errors import Refusal
from api.services.meeting_prep import summary
from api.services.meeting_prep.advisor_view import (
    invite_links,
    mark_held,
    meeting_out,
    schedule,
)
from api.services.meeting_prep.client_flow import is_editable
from api.services.meeting_prep.reminders import queue_reminder
from api.web.advisor.rendering import PREFIX, qr_svg, render
from api.web.advisor.strings import STRINGS
from api.web.staff.layout import redirect, ui_language
from vocabulary.meetings import SECTIONS
from vocabulary.service_steps import DEFAULT_MEETING_KIND, MEETING_KINDS

router = APIRouter(prefix=PREFIX, include_in_schema=False)

# What the meeting page says after "Send reminder": ?reminder=<one of these>.
REMINDER_NOTICES = ("queued", "not_opened", "closed")

# The client's chosen topics lead; then the rest of what they told, in the form's order.
SECTION_ORDER = ("topics", *(section for section in SECTIONS if section != "topics"))


@router.get("", response_class=HTMLResponse)
def meeting_list(
    request: Request,
    advisor: AdvisorLogin,
    session: SessionDep,
    now: NowDep,
    include_past: bool = False,
) -> Response:
    rows = meetings.list_for_advisor(session, advisor.user.id, now=now, include_past=include_past)
    items = [meeting_out(meeting, has_answers) for meeting, has_answers in rows]
    context = {"login": advisor, "meetings": items, "include_past": include_past}
    return render(request, "advisor/meetings.html", context)


def new_meeting_page(
    request: Request,
    login: Login,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
) -> Response:
    context = {
        "login": login,
        "values": values or {"kind": DEFAULT_MEETING_KIND},
        "errors": errors or {},
        "meeting_kinds": MEETING_KINDS,
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if errors else status.HTTP_200_OK
    return render(request, "advisor/meeting_new.html", context, status_code=code)


@router.get("/meetings/new", response_class=HTMLResponse)
def new_meeting_form(request: Request, advisor: AdvisorLogin) -> Response:
    return new_meeting_page(request, advisor)


def parse_new_meeting(
    client_ref: str, day: str, at: str, language: str, kind: str, now: datetime
) -> MeetingCreate | dict[str, str]:
    """The meeting, or the problem (a string key) of each field that is wrong."""
    errors: dict[str, str] = {}
    starts_at = None
    try:
        starts_at = datetime.combine(date.fromisoformat(day), time.fromisoformat(at), FINLAND)
    except ValueError:
        errors["when"] = "error_when"
    if starts_at is not None and starts_at <= now:
        errors["when"] = "error_past"
    try:
        body = MeetingCreate.model_validate(
            {
                "client_ref": client_ref,
                "starts_at": starts_at or now,
                "language": language,
                "kind": kind,
            }
        )
    except ValidationError as error:
        for problem in error.errors():
            field = str(problem["loc"][0])
            if field == "client_ref":
                looks_like_id = PERSONAL_IDENTITY_CODE.search(client_ref) is not None
                errors[field] = "error_identity_code" if looks_like_id else "error_client_ref"
            elif field == "language":
                errors[field] = "error_language"
            elif field == "kind":
                errors[field] = "error_kind"
        return errors
    return errors or body


@router.post("/meetings/new", response_class=HTMLResponse)
def create_meeting(
    request: Request,
    advisor: AdvisorLogin,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    client_ref: Annotated[str, Form(max_length=200)],
    day: Annotated[str, Form(max_length=20)],
    at: Annotated[str, Form(max_length=20)],
    language: Annotated[str, Form(max_length=2)],
    kind: Annotated[str, Form(max_length=32)] = DEFAULT_MEETING_KIND,
) -> Response:
    """AdvisorLogin has checked the form's CSRF token."""
    parsed = parse_new_meeting(client_ref, day, at, language, kind, now)
    if isinstance(parsed, dict):
        values = {
            "client_ref": client_ref,
            "day": day,
            "at": at,
            "language": language,
            "kind": kind,
        }
        return new_meeting_page(request, advisor, values, parsed)
    meeting = schedule(session, advisor.user.id, parsed, settings, now=now)
    return redirect(f"{PREFIX}/meetings/{meeting.id}/invite")


@router.get("/meetings/{meeting_id}/invite", response_class=HTMLResponse)
def invite(
    request: Request, meeting: AdvisorMeeting, advisor: AdvisorLogin, settings: SettingsDep
) -> Response:
    links = invite_links(meeting, settings)
    qr_title = STRINGS[ui_language(request)]["qr_caption"]
    context = {
        "login": advisor,
        "meeting": meeting,
        "links": links,
        "qr": qr_svg(links.web_link, qr_title),
    }
    return render(request, "advisor/invite.html", context)


@router.get("/meetings/{meeting_id}", response_class=HTMLResponse)
def meeting_page(
    request: Request,
    meeting: AdvisorMeeting,
    advisor: AdvisorLogin,
    session: SessionDep,
    faq: FaqDep,
    now: NowDep,
) -> Response:
    """The summary on one screen; the read is audited like the API's."""
    read = summary.read(session, meeting, advisor.user, faq, ui_language(request), now=now)
    notice = request.query_params.get("reminder")
    context = {
        "login": advisor,
        "meeting": meeting,
        "summary": read,
        "section_order": SECTION_ORDER,
        "can_remind": meeting.conversation_key is not None and is_editable(meeting, now),
        "last_reminder": outbox.last_reminder_for_meeting(session, meeting.id),
        "reminder_notice": notice if notice in REMINDER_NOTICES else None,
    }
    return render(request, "advisor/meeting.html", context)


@router.post("/meetings/{meeting_id}/complete")
def complete(meeting: AdvisorMeeting, session: SessionDep, now: NowDep) -> Response:
    """AdvisorMeeting has checked the form's CSRF token. The client gets the pulse survey."""
    mark_held(session, meeting, now=now)
    return redirect(f"{PREFIX}/meetings/{meeting.id}")


@router.post("/meetings/{meeting_id}/reminder")
def send_reminder(meeting: AdvisorMeeting, session: SessionDep, now: NowDep) -> Response:
    """AdvisorMeeting has checked the form's CSRF token. The meeting page tells what happened."""
    try:
        queue_reminder(session, meeting, now=now)
    except Refusal as refusal:
        return redirect(f"{PREFIX}/meetings/{meeting.id}?reminder={refusal.reason}")
    return redirect(f"{PREFIX}/meetings/{meeting.id}?reminder=queued")
