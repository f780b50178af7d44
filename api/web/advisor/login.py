"""/advisor/login and /advisor/logout: the advisor UI's login form and logout button."""

import logging
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import HTMLResponse, Response

from api.core.security import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    LoginLocked,
    check_login,
    clear_session_cookie,
    set_session_cookie,
    tokens_match,
)
from api.deps import NowDep, OptionalCsrfCheckedLogin, SessionDep, SettingsDep
from api.repositories import user_sessions
from api.web.advisor.rendering import PREFIX, home_of, render
from api.web.staff.layout import LOGIN_PATH, redirect

logger = logging.getLogger(__name__)
router = APIRouter(prefix=PREFIX, include_in_schema=False)


def login_page(
    request: Request, settings: SettingsDep, *, error: str | None = None, status_code: int = 200
) -> HTMLResponse:
    """The form, with a fresh pre-session CSRF token in a hidden field and in a cookie."""
    token = secrets.token_urlsafe(32)
    context = {"csrf_token": token, "error": error}
    response = render(request, "advisor/login.html", context, status_code=status_code)
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        max_age=3600,
        path=LOGIN_PATH,
        secure=settings.session_cookie_secure,
        httponly=True,
        samesite="strict",
    )
    return response


@router.get("/login", response_class=HTMLResponse)
def show_login(
    request: Request, login: OptionalCsrfCheckedLogin, settings: SettingsDep
) -> Response:
    if login is not None:
        return redirect(home_of(login.user.role))
    return login_page(request, settings)


@router.post("/login", response_class=HTMLResponse)
def submit_login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token: Annotated[str, Form(max_length=128)],
) -> Response:
    # Double submit: a cross-site form cannot read or set our SameSite=Strict cookie.
    expected = request.cookies.get(LOGIN_CSRF_COOKIE)
    if expected is None or not tokens_match(csrf_token, expected):
        return login_page(
            request, settings, error="login_form_expired", status_code=status.HTTP_403_FORBIDDEN
        )
    source = request.client.host if request.client else None
    try:
        user = check_login(session, settings, email, password, source, now=now)
    except LoginLocked:
        logger.warning("staff login refused (advisor UI): locked after repeated failures")
        return login_page(
            request, settings, error="login_locked", status_code=status.HTTP_429_TOO_MANY_REQUESTS
        )
    if user is None:
        logger.info("failed staff login (advisor UI)")
        return login_page(
            request, settings, error="login_failed", status_code=status.HTTP_401_UNAUTHORIZED
        )
    # A new session at every login; the one the browser had (if any) ends.
    user_sessions.revoke_token(session, request.cookies.get(SESSION_COOKIE))
    token, _ = user_sessions.create(session, user, now=now, lifetime=settings.session_lifetime)
    response = redirect(home_of(user.role))
    set_session_cookie(response, token, settings)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path=LOGIN_PATH)
    logger.info("staff login (advisor UI): user %s", user.id)
    return response


@router.post("/logout")
def logout(login: OptionalCsrfCheckedLogin, session: SessionDep, settings: SettingsDep) -> Response:
    """Logged in, the form's CSRF token has been checked; logged out already, nothing to end."""
    if login is not None:
        user_sessions.revoke(session, login.session)
    response = redirect(LOGIN_PATH)
    clear_session_cookie(response, settings)
    return response
