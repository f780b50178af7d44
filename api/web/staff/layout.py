"""Rendering a staff page: the UI's language, the one layout (templates/staff/base.html) with
the menu of the login's role, the language switch, the security headers.

Each UI (advisor, analyst, editor, admin) renders through `render_staff_page` with its own strings;
the layout's strings (staff/strings.py) are under them.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from babel import Locale
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.deps import Login
from api.web.jinja import templates
from api.web.staff.strings import STRINGS as LAYOUT_STRINGS
from vocabulary.languages import LANGUAGES, LOCALES, STAFF_LANGUAGES, StaffLanguage

# Every staff member logs in at one form, the advisor UI's.
LOGIN_PATH = "/advisor/login"
LANGUAGE_COOKIE = "kohtaamo_ui_lang"
# The menu of each role: (path, the layout string that names it). Admins do what analysts
# and the content team do, and keep the developer-client panel.
EDITOR_MENU = (("/editor", "nav_topics"), ("/editor/missed", "nav_missed"))
MENUS: dict[str, tuple[tuple[str, str], ...]] = {
    "advisor": (("/advisor", "nav_meetings"), ("/advisor/meetings/new", "nav_new_meeting")),
    "analyst": (("/analyst", "nav_dashboard"), ("/analyst/we-did", "nav_we_did")),
    "content_editor": EDITOR_MENU,
    "admin": (
        ("/analyst", "nav_dashboard"),
        ("/analyst/we-did", "nav_we_did"),
        *EDITOR_MENU,
        ("/admin/panel", "nav_panel"),
        ("/admin/pilots", "nav_pilots"),
    ),
}


@dataclass(frozen=True)
class MenuItem:
    href: str
    label: str
    current: bool


def menu(login: Login | None, path: str, strings: Mapping[str, str]) -> list[MenuItem]:
    """The login's menu, the page it is on marked (none without a login)."""
    if login is None:
        return []
    return [
        MenuItem(href, strings[key], href == path) for href, key in MENUS.get(login.user.role, ())
    ]


def ui_language(request: Request) -> StaffLanguage:
    """`?lang=` first (the switch), then the cookie it leaves, then Finnish."""
    for candidate in (request.query_params.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        for language in STAFF_LANGUAGES:
            if candidate == language:
                return language
    return "fi"


def language_names(language: StaffLanguage) -> dict[str, str]:
    """The clients' languages, named in the UI's language (CLDR's names: suomi, Swedish)."""
    names = Locale.parse(LOCALES[language]).languages
    return {code: names[code] for code in LANGUAGES}


def render_staff_page(
    request: Request,
    template: str,
    context: dict[str, Any],
    strings: Mapping[StaffLanguage, Mapping[str, str]],
    *,
    status_code: int = 200,
    stylesheets: Sequence[str] = (),
    wide: bool = False,
) -> HTMLResponse:
    """A staff page in the UI's language, with the menu, the language switch, the security
    headers and the remembered language: each UI passes its own strings, and the styles on
    top of advisor.css (in /static) and whether its pages are wide (tables, charts)."""
    language = ui_language(request)
    other = "en" if language == "fi" else "fi"
    t = {**LAYOUT_STRINGS[language], **strings[language]}
    # Relative, keeping the page's other query parameters.
    switch_query = request.url.include_query_params(lang=other).query
    login = context.get("login")
    response = templates.TemplateResponse(
        request,
        template,
        {
            "lang": language,
            "other_lang": other,
            "switch_href": f"{request.url.path}?{switch_query}",
            "t": t,
            "menu": menu(login if isinstance(login, Login) else None, request.url.path, t),
            "language_names": language_names(language),
            "stylesheets": stylesheets,
            "wide": wide,
            **context,
        },
        status_code=status_code,
    )
    if request.query_params.get("lang") == language:
        response.set_cookie(
            LANGUAGE_COOKIE, language, max_age=365 * 24 * 3600, httponly=True, samesite="lax"
        )
    return response


def redirect(url: str) -> RedirectResponse:
    """A 303; its security headers, as every page's, are api.core.middleware's."""
    return RedirectResponse(url, status_code=303)


def is_page_of(request: Request, prefix: str) -> bool:
    """Is this a request for one of the pages under `prefix` (not the JSON API)?"""
    path = request.url.path
    return path == prefix or path.startswith(f"{prefix}/")
