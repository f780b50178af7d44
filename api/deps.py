"""FastAPI dependencies, as `Annotated` aliases the routes use."""

import secrets
from collections.abc import Iterator
from datetime import date, datetime
from typing import Annotated
from zoneinfo import ZoneInfo

import httpx
from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.orm import Session

from api.faq.content import Topic
from api.redaction import Redactor
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
