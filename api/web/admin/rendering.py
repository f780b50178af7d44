"""Rendering the admin UI: its templates with its strings, and the pages that answer a
request the login does not allow. The layout, the language switch and the security headers
(the strict CSP: no scripts at all) are every staff UI's (api.web.staff.layout)."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from babel.dates import format_date
from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from api.deps import AccessError, Login, LoginRequired
from api.web.admin.strings import STRINGS
from api.web.staff.layout import (
    LOGIN_PATH,
    is_page_of,
    language_names,
    redirect,
    render_staff_page,
)
from api.web.staff.strings import NAMES
from vocabulary.languages import LOCALES, StaffLanguage

PREFIX = "/admin"
# The analyst UI's styles: wide tables, the hidden figures' and the text areas' look.
STYLESHEETS = ("analyst.css",)


class Formats:
    """Days and the vocabulary's values as the admin reads them, in the UI's language."""

    def __init__(self, language: StaffLanguage) -> None:
        self.language = language
        self.language_names = language_names(language)

    def day(self, value: date) -> str:
        pattern = STRINGS[self.language]["date_format"]
        return format_date(value, pattern, locale=LOCALES[self.language])

    def name(self, value: str) -> str:
        return NAMES[self.language].get(value, value)

    def names(self, values: Iterable[str]) -> str:
        """Interests or contact channels, named, in the vocabulary's order."""
        return ", ".join(self.name(value) for value in values)

    def languages(self, codes: Iterable[str]) -> str:
        """Clients' languages, in CLDR's names in the UI's language (suomi, Swedish)."""
        return ", ".join(self.language_names.get(code, code) for code in codes)


def render(
    request: Request, template: str, context: dict[str, Any], *, status_code: int = 200
) -> HTMLResponse:
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
    """Is this a request for one of the admin UI's pages (not the JSON API)?"""
    return is_page_of(request, PREFIX)


def access_error_page(request: Request, error: AccessError) -> Response:
    """No login: to the (shared) login form. Any other role: a page that says so."""
    if isinstance(error, LoginRequired):
        return redirect(LOGIN_PATH)
    context: dict[str, Login | str | None] = {"login": error.login, "kind": "forbidden"}
    return render(request, "staff/message.html", context, status_code=error.status_code)
