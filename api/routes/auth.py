"""/api/v1/auth: staff login with a server-side session cookie; logout; who am I."""

import logging

from fastapi import APIRouter, HTTPException, Response, status

from api.core.security import authenticate, clear_session_cookie, set_session_cookie
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


@router.post("/login", response_model=AccountOut)
def login(
    body: LoginIn, session: SessionDep, settings: SettingsDep, now: NowDep, response: Response
) -> AccountOut:
    user = authenticate(session, body.email, body.password)
    if user is None:
        logger.info("failed staff login")
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail=WRONG_CREDENTIALS)
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
