"""FastAPI dependencies, as `Annotated` aliases the routes use."""

import secrets
from collections.abc import Iterator
from typing import Annotated

import httpx
from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.orm import Session

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


SettingsDep = Annotated[ApiSettings, Depends(get_app_settings)]
SessionDep = Annotated[Session, Depends(get_session)]
HttpClientDep = Annotated[httpx.AsyncClient, Depends(get_http_client)]


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
