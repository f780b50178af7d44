"""/api/v1/auth: staff login with a server-side session cookie; logout; who am I."""

import logging

from fastapi import APIRouter, HTTPException, Request, Response, status

from api.core.security import (
    SESSION_COOKIE,
    LoginLocked,
    check_login,
    clear_session_cookie,
    set_session_cookie,
)
from api.deps import CurrentLogin, NowDep, SessionDep, SettingsDep
from api.orm import User, UserSession
from api.repositories import user_sessions
from api.schemas.auth import AccountOut, LoginIn

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/auth", tags=["auth"])

WRONG_CREDENTIALS = "wrong email or password"


def account_out(user: User, login: UserSession) -> AccountOut:
    return AccountOut(
        email=user.email,
        role=user.role,
        display_name=user.display_name,
        csrf_token=login.csrf_token,
    )


@router.post(
    "/login",
    response_model=AccountOut,
    responses={401: {"description": WRONG_CREDENTIALS}, 429: {"description": "locked for now"}},
)
def login(
    body: LoginIn,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    now: NowDep,
    response: Response,
) -> AccountOut:
    """429 after LOGIN_MAX_FAILURES wrong passwords for the email in LOGIN_FAILURE_WINDOW."""
    source = request.client.host if request.client else None
    try:
        user = check_login(session, settings, body.email, body.password, source, now=now)
    except LoginLocked as locked:
        logger.warning("staff login refused: locked after repeated failures")
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, detail=str(locked)) from None
    if user is None:
        logger.info("failed staff login")
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail=WRONG_CREDENTIALS)
    # A new session at every login; the one the browser had (if any) ends.
    user_sessions.revoke_token(session, request.cookies.get(SESSION_COOKIE))
    token, row = user_sessions.create(session, user, now=now, lifetime=settings.session_lifetime)
    set_session_cookie(response, token, settings)
    logger.info("staff login: user %s", user.id)
    return account_out(user, row)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(login: CurrentLogin, session: SessionDep, settings: SettingsDep) -> Response:
    user_sessions.revoke(session, login.session)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_session_cookie(response, settings)
    return response


@router.get("/me", response_model=AccountOut)
def me(login: CurrentLogin) -> AccountOut:
    return account_out(login.user, login.session)
