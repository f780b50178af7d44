"""Rendering the advisor UI: its language, its templates, its security headers, QR codes, and
the pages that answer a request the login does not allow (see `api.deps.AccessError`)."""

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import segno
from babel import Locale
from babel.dates import format_datetime
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from api.core.clock import FINLAND
from api.deps import AccessError, Login, LoginRequired, NotFound
from api.web.advisor.strings import STRINGS
from api.web.jinja import templates
from vocabulary.languages import LANGUAGES, LOCALES, STAFF_LANGUAGES, StaffLanguage

PREFIX = "/advisor"
LOGIN_PATH = f"{PREFIX}/login"
# Where a login lands: staff log in here, and analysts and admins work in /analyst.
HOME_OF_ROLE = {"analyst": "/analyst", "admin": "/analyst"}
LANGUAGE_COOKIE = "kohtaamo_ui_lang"
# No scripts at all; styles and images from here only; forms post only here; no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def home_of(role: str) -> str:
    return HOME_OF_ROLE.get(role, PREFIX)


def ui_language(request: Request) -> StaffLanguage:
    """`?lang=` first (the switch), then the cookie it leaves, then Finnish."""
    for candidate in (request.query_params.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        for language in STAFF_LANGUAGES:
            if candidate == language:
                return language
    return "fi"


def time_formatter(language: StaffLanguage) -> Callable[[datetime | None], str]:
    """Times as the advisor reads them: in Finnish time, in the UI's language."""

    def when(moment: datetime | None) -> str:
        if moment is None:
            return STRINGS[language]["never"]
        pattern = STRINGS[language]["date_format"]
        return format_datetime(moment, pattern, tzinfo=FINLAND, locale=LOCALES[language])

    return when


def language_names(language: StaffLanguage) -> dict[str, str]:
    """The clients' languages, named in the UI's language (CLDR's names: suomi, Swedish)."""
    names = Locale.parse(LOCALES[language]).languages
    return {code: names[code] for code in LANGUAGES}


def qr_svg(url: str, title: str) -> Markup:
    """The QR code of `url` as inline SVG (our own markup from segno, so it is marked safe)."""
    svg = segno.make(url, error="m").svg_inline(
        scale=5, title=title, svgclass="qr", light="#fff", dark="#000"
    )
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S704 - segno's own SVG


def render_staff_page(
    request: Request,
    template: str,
    context: dict[str, Any],
    strings: Mapping[StaffLanguage, Mapping[str, str]],
    *,
    status_code: int = 200,
) -> HTMLResponse:
    """A staff page (advisor or analyst UI) in the UI's language, with the language switch,
    the security headers and the remembered language: each UI passes its own strings."""
    language = ui_language(request)
    other = "en" if language == "fi" else "fi"
    # Relative, keeping the page's other query parameters.
    switch_query = request.url.include_query_params(lang=other).query
    response = templates.TemplateResponse(
        request,
        template,
        {
            "lang": language,
            "other_lang": other,
            "switch_href": f"{request.url.path}?{switch_query}",
            "t": strings[language],
            "when": time_formatter(language),
            "language_names": language_names(language),
            **context,
        },
        status_code=status_code,
    )
    secure_headers(response)
    if request.query_params.get("lang") == language:
        response.set_cookie(
            LANGUAGE_COOKIE, language, max_age=365 * 24 * 3600, httponly=True, samesite="lax"
        )
    return response


def render(
    request: Request, template: str, context: dict[str, Any], *, status_code: int = 200
) -> HTMLResponse:
    return render_staff_page(request, template, context, STRINGS, status_code=status_code)


def secure_headers(response: Response) -> None:
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    # Summaries hold clients' words: no caching, no referrer to the links they may contain.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"


def redirect(url: str) -> RedirectResponse:
    response = RedirectResponse(url, status_code=303)
    secure_headers(response)
    return response


def message_page(request: Request, login: Login | None, kind: str, status_code: int) -> Response:
    """A page that only says something: `kind` names its title and text in the strings."""
    context = {"login": login, "kind": kind}
    return render(request, "advisor/message.html", context, status_code=status_code)


def is_page(request: Request) -> bool:
    """Is this a request for one of the advisor UI's pages (not the JSON API)?"""
    path = request.url.path
    return path == PREFIX or path.startswith(f"{PREFIX}/")


def access_error_page(request: Request, error: AccessError) -> Response:
    """No login: to the login form. Not allowed or not theirs: a page that says so."""
    if isinstance(error, LoginRequired):
        return redirect(LOGIN_PATH)
    kind = "not_found" if isinstance(error, NotFound) else "forbidden"
    return message_page(request, error.login, kind, error.status_code)
