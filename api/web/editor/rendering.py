"""Rendering the editor UI: its templates with its strings and formats, the pages that answer a
request the login does not allow, and the answer split as the chat shows it. The layout, the
language switch and the security headers (the strict CSP: no scripts at all) are every staff
UI's (api.web.staff.layout)."""

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from babel.dates import format_date, format_datetime
from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from api.core.clock import FINLAND
from api.deps import AccessError, Login, LoginRequired
from api.web.editor.strings import STRINGS
from api.web.staff.layout import (
    LOGIN_PATH,
    is_page_of,
    language_names,
    redirect,
    render_staff_page,
    ui_language,
)
from vocabulary.languages import LOCALES, StaffLanguage

PREFIX = "/editor"
# The analyst UI's styles (wide tables, text areas), and the editor's own.
STYLESHEETS = ("analyst.css", "editor.css")
# As the chat page finds web addresses in a bot's text (static/chat.js).
ADDRESS = re.compile(r"https?://[^\s<>\"']+")
TRAILING = re.compile(r"[.,;:!?)]+$")


@dataclass(frozen=True)
class Piece:
    """A piece of an answer's text: plain, or a web address the chat makes a link."""

    text: str
    link: bool = False


def chat_pieces(text: str) -> list[Piece]:
    pieces, last = [], 0
    for match in ADDRESS.finditer(text):
        address = TRAILING.sub("", match.group(0))
        pieces.append(Piece(text[last : match.start()]))
        pieces.append(Piece(address, link=True))
        last = match.start() + len(address)
    pieces.append(Piece(text[last:]))
    return [piece for piece in pieces if piece.text]


class Formats:
    """Days, times and names as the editor reads them, in the UI's language."""

    def __init__(self, language: StaffLanguage) -> None:
        self.language = language
        self.language_names = language_names(language)

    def day(self, value: date | str | None) -> str:
        if value is None or value == "":
            return ""
        day = date.fromisoformat(value) if isinstance(value, str) else value
        return format_date(
            day, STRINGS[self.language]["date_format"], locale=LOCALES[self.language]
        )

    def when(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        pattern = STRINGS[self.language]["time_format"]
        return format_datetime(moment, pattern, tzinfo=FINLAND, locale=LOCALES[self.language])

    def title(self, titles: dict[str, str], fallback: str = "") -> str:
        """A topic's title in the UI's language (the topics have fi, sv and en)."""
        return titles.get(self.language) or fallback

    def percent(self, fraction: object) -> str:
        if not isinstance(fraction, int | float):
            return ""
        return f"{round(100 * fraction)} %"


def render(
    request: Request, template: str, context: dict[str, Any], *, status_code: int = 200
) -> HTMLResponse:
    context = {"f": Formats(ui_language(request)), **context}
    return render_staff_page(
        request,
        template,
        context,
        STRINGS,
        status_code=status_code,
        stylesheets=STYLESHEETS,
        wide=True,
    )


def is_page(request: Request) -> bool:
    """Is this a request for one of the editor UI's pages (not the JSON API)?"""
    return is_page_of(request, PREFIX)


def message_page(
    request: Request, login: Login | None, kind: str, status_code: int, back: str | None = None
) -> Response:
    """A page that only says something: `kind` names its title and text in the strings."""
    context = {"login": login, "kind": kind, "back_href": back, "back_key": "back"}
    return render(request, "staff/message.html", context, status_code=status_code)


def access_error_page(request: Request, error: AccessError) -> Response:
    """No login: to the (shared) login form. Any other role: a page that says so."""
    if isinstance(error, LoginRequired):
        return redirect(LOGIN_PATH)
    return message_page(request, error.login, "forbidden", error.status_code)
