"""Rendering the advisor UI: its templates with its strings, times, QR codes, and the pages
that answer a request the login does not allow (see `api.deps.AccessError`).

The layout, the language switch and the security headers are every staff UI's
(api.web.staff.layout); the login form is here, and every staff member logs in with it."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

import segno
from babel.dates import format_datetime
from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from api.core.clock import FINLAND
from api.deps import AccessError, Login, LoginRequired, NotFound
from api.web.advisor.strings import STRINGS
from api.web.staff.layout import (
    LOGIN_PATH,
    is_page_of,
    redirect,
    render_staff_page,
    ui_language,
)
from vocabulary.languages import LOCALES, StaffLanguage

PREFIX = "/advisor"
# Where a login lands: staff log in here; analysts and admins work in /analyst, the content
# team in /editor.
HOME_OF_ROLE = {"analyst": "/analyst", "admin": "/analyst", "content_editor": "/editor"}


def home_of(role: str) -> str:
    return HOME_OF_ROLE.get(role, PREFIX)


def time_formatter(language: StaffLanguage) -> Callable[[datetime | None], str]:
    """Times as the advisor reads them: in Finnish time, in the UI's language."""

    def when(moment: datetime | None) -> str:
        if moment is None:
            return STRINGS[language]["never"]
        pattern = STRINGS[language]["date_format"]
        return format_datetime(moment, pattern, tzinfo=FINLAND, locale=LOCALES[language])

    return when


def qr_svg(url: str, title: str) -> Markup:
    """The QR code of `url` as inline SVG (our own markup from segno, so it is marked safe)."""
    svg = segno.make(url, error="m").svg_inline(
        scale=5, title=title, svgclass="qr", light="#fff", dark="#000"
    )
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S704 - segno's own SVG


def render(
    request: Request, template: str, context: dict[str, Any], *, status_code: int = 200
) -> HTMLResponse:
    context = {"when": time_formatter(ui_language(request)), **context}
    return render_staff_page(request, template, context, STRINGS, status_code=status_code)


def message_page(request: Request, login: Login | None, kind: str, status_code: int) -> Response:
    """A page that only says something: `kind` names its title and text in the strings."""
    back = PREFIX if login is not None and login.user.role == "advisor" else None
    context = {"login": login, "kind": kind, "back_href": back, "back_key": "back_to_meetings"}
    return render(request, "staff/message.html", context, status_code=status_code)


def is_page(request: Request) -> bool:
    """Is this a request for one of the advisor UI's pages (not the JSON API)?"""
    return is_page_of(request, PREFIX)


def access_error_page(request: Request, error: AccessError) -> Response:
    """No login: to the login form. Not allowed or not theirs: a page that says so."""
    if isinstance(error, LoginRequired):
        return redirect(LOGIN_PATH)
    kind = "not_found" if isinstance(error, NotFound) else "forbidden"
    return message_page(request, error.login, kind, error.status_code)
