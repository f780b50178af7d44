"""Rendering the advisor UI: its language, its templates, its security headers and QR codes."""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import segno
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from api.advisor_ui.strings import STRINGS, UI_LANGUAGES, UiLanguage
from api.clock import in_finland

templates = Jinja2Templates(directory=Path(__file__).resolve().parent.parent / "templates")

LANGUAGE_COOKIE = "kohtaamo_ui_lang"
# No scripts at all; styles and images from here only; forms post only here; no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def ui_language(request: Request) -> UiLanguage:
    """`?lang=` first (the switch), then the cookie it leaves, then Finnish."""
    for candidate in (request.query_params.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        for language in UI_LANGUAGES:
            if candidate == language:
                return language
    return "fi"


def time_formatter(language: UiLanguage) -> Callable[[datetime | None], str]:
    def when(moment: datetime | None) -> str:
        if moment is None:
            return STRINGS[language]["never"]
        return in_finland(moment).strftime(STRINGS[language]["date_format"])

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
            "t": STRINGS[language],
            "when": time_formatter(language),
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


def secure_headers(response: HTMLResponse | RedirectResponse) -> None:
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    # Summaries hold clients' words: no caching, no referrer to the links they may contain.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Content-Type-Options"] = "nosniff"


def redirect(url: str) -> RedirectResponse:
    response = RedirectResponse(url, status_code=303)
    secure_headers(response)
    return response
