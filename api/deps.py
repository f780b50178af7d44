"""FastAPI dependencies, as `Annotated` aliases the routes use."""

import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

import httpx
from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.orm import Session

from api.clock import now_utc
from api.faq.content import Topic
from api.orm import User, UserSession
from api.redaction import Redactor
from api.repositories import user_sessions
from api.session_cookies import CSRF_FORM_FIELD, CSRF_HEADER, SAFE_METHODS, SESSION_COOKIE
from api.settings import ApiSettings


def get_app_settings(request: Request) -> ApiSettings:
    settings: ApiSettings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.session_factory() as session:
        yield session


def get_http_client(request: Request) -> httpx.AsyncClient:
    client: httpx.AsyncClient = request.app.state.http_client
    return client


def get_faq(request: Request) -> dict[str, Topic]:
    topics: dict[str, Topic] = request.app.state.faq
    return topics


def get_redactor(request: Request) -> Redactor:
    redactor: Redactor = request.app.state.redactor
    return redactor


SettingsDep = Annotated[ApiSettings, Depends(get_app_settings)]


def get_today(settings: SettingsDep) -> date:
    """Today in Finland, unless the settings fix the day (demos and end-to-end tests)."""
    return settings.today or datetime.now(ZoneInfo("Europe/Helsinki")).date()


FaqDep = Annotated[dict[str, Topic], Depends(get_faq)]
TodayDep = Annotated[date, Depends(get_today)]
SessionDep = Annotated[Session, Depends(get_session)]
HttpClientDep = Annotated[httpx.AsyncClient, Depends(get_http_client)]
RedactorDep = Annotated[Redactor, Depends(get_redactor)]


def require_service_token(
    settings: SettingsDep,
    authorization: Annotated[str | None, Header()] = None,
) -> None:
    """Only the action server (and other internal services) may call service endpoints."""
    expected = f"Bearer {settings.service_token.get_secret_value()}"
    if authorization is None or not secrets.compare_digest(authorization, expected):
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="service token required",
            headers={"WWW-Authenticate": "Bearer"},
        )


ServiceAuth = Depends(require_service_token)


def get_now() -> datetime:
    """The current time (UTC); tests override this dependency instead of patching clocks."""
    return now_utc()


NowDep = Annotated[datetime, Depends(get_now)]


@dataclass(frozen=True)
class Login:
    """A staff member's valid session: who, and the CSRF token of the session."""

    user: User
    session: UserSession


def find_login(request: Request, session: SessionDep, now: NowDep) -> Login | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    found = user_sessions.find(session, token, now=now)
    return None if found is None else Login(user=found[1], session=found[0])


async def check_csrf(
    request: Request, login: Annotated[Login | None, Depends(find_login)]
) -> Login | None:
    """An unsafe request that the cookie authenticates must prove it comes from our pages."""
    if login is None or request.method in SAFE_METHODS:
        return login
    sent = request.headers.get(CSRF_HEADER)
    content_type = request.headers.get("content-type", "")
    if sent is None and content_type.startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        field = (await request.form()).get(CSRF_FORM_FIELD)
        sent = field if isinstance(field, str) else None
    if sent is None or not secrets.compare_digest(sent, login.session.csrf_token):
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="CSRF token missing or wrong")
    return login


MaybeLogin = Annotated[Login | None, Depends(check_csrf)]


def require_login(login: MaybeLogin) -> Login:
    if login is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="login required")
    return login


CurrentLogin = Annotated[Login, Depends(require_login)]


def get_current_user(login: CurrentLogin) -> User:
    return login.user


CurrentUser = Annotated[User, Depends(get_current_user)]


def require_roles(*roles: str) -> Callable[[User], User]:
    """A dependency that lets only users with one of `roles` through (others get 403)."""

    def guard(user: CurrentUser) -> User:
        if user.role not in roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN, detail="not allowed for your role")
        return user

    return guard


AdvisorUser = Annotated[User, Depends(require_roles("advisor"))]
AdminUser = Annotated[User, Depends(require_roles("admin"))]
