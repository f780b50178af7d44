"""Rendering the analyst UI: its templates with its strings, the formatting of its figures,
and the pages that answer a request the login does not allow.

The layout, the language switch and the security headers (the same strict CSP: no scripts
at all) are every staff UI's (api.web.staff.layout); staff log in once, at the advisor UI's
login form.
"""

from datetime import date
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from api.deps import AccessError, Login, LoginRequired
from api.web.analyst.strings import STRINGS
from api.web.staff.layout import LOGIN_PATH, is_page_of, redirect, render_staff_page
from api.web.staff.strings import NAMES
from vocabulary.languages import LOCALES, StaffLanguage

PREFIX = "/analyst"
# On top of advisor.css: wide tables, charts beside them, hidden figures (the admin UI's too).
STYLESHEETS = ("analyst.css",)


class Formats:
    """Figures as the analyst reads them, in the UI's language; a hidden one says so."""

    def __init__(self, language: StaffLanguage, min_group: int) -> None:
        self.language = language
        # Parsed once: Babel would parse the name again for every figure of the page.
        self.locale = Locale.parse(LOCALES[language])
        self.strings = STRINGS[language]
        self.min_group = min_group

    def count(self, value: int | None) -> str:
        if value is None:
            return self.hidden()
        return format_decimal(value, locale=self.locale)

    def mean(self, value: float | None) -> str:
        if value is None:
            return self.strings["none"]
        return format_decimal(value, format="0.00", locale=self.locale)

    def percent(self, value: float | None) -> str:
        if value is None:
            return self.strings["none"]
        return format_percent(value, format=self.strings["percent_format"], locale=self.locale)

    def hidden(self) -> str:
        return self.strings["hidden"].format(n=self.min_group)

    def day(self, value: date) -> str:
        return format_date(value, self.strings["date_format"], locale=self.locale)

    def week(self, monday: date) -> str:
        return self.strings["week_label"].format(
            week=monday.isocalendar().week, monday=self.day(monday)
        )

    def week_number(self, monday: date, with_year: bool) -> str:
        """A short label for a chart's axis: the ISO week (and its year when they differ)."""
        iso = monday.isocalendar()
        key = "week_short_year" if with_year else "week_short"
        return self.strings[key].format(week=iso.week, year=iso.year)

    def name(self, value: str) -> str:
        """A step, driver, channel, kind of offer or theme, named in the UI's language."""
        return NAMES[self.language].get(value, value)


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
    """Is this a request for one of the analyst UI's pages (not the JSON API)?"""
    return is_page_of(request, PREFIX)


def access_error_page(request: Request, error: AccessError) -> Response:
    """No login: to the (shared) login form. Any other role: a page that says so."""
    if isinstance(error, LoginRequired):
        return redirect(LOGIN_PATH)
    context: dict[str, Login | str | None] = {"login": error.login, "kind": "forbidden"}
    return render(request, "staff/message.html", context, status_code=error.status_code)
