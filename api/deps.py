"""FastAPI dependencies, as `Annotated` aliases the routes and pages use.

The ones that check who calls raise: `LoginRequired` (no valid login), `Forbidden` (not for the
user's role), `NotFound` (not the advisor's meeting). `api.main` answers them with JSON for the
API and, for the advisor UI's pages, with the login form or a message page.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated

import httpx
from fastapi import Depends, Header, HTTPException, Path, Request, status
from sqlalchemy.orm import Session, sessionmaker

from api.core import idempotency
from api.core.clock import Clock, today_in_finland
from api.core.security import (
    CSRF_FORM_FIELD,
    CSRF_HEADER,
    SAFE_METHODS,
    SESSION_COOKIE,
    tokens_match,
)
from api.core.settings import ApiSettings
from api.orm import Meeting, Role, User, UserSession
from api.repositories import meetings, user_sessions
from api.services.faq.checks import ExampleEmbeddings
from api.services.faq.content import Topic
from api.services.faq.live import LiveTopics
from api.services.redaction import Redactor
from api.services.themes.classifier import ThemeClassifier


# The dependencies that only read the app's state are `async def`: FastAPI runs a plain `def`
# one in its thread pool, a hop of its own for each dependency of each request (make
# bench-latency: about a third of the API's CPU went to the hops of the service calls).
async def get_app_settings(request: Request) -> ApiSettings:
    settings: ApiSettings = request.app.state.settings
    return settings


def get_session(request: Request) -> Iterator[Session]:
    factory: sessionmaker[Session] = request.app.state.session_factory
    connection = idempotency.connection_of(request.scope)
    if connection is None:
        with factory() as session:
            yield session
        return
    # A write with an idempotency key: its session joins the transaction the key is stored in
    # (api.core.idempotency), its commits become savepoints, and what it did not commit is
    # rolled back when it closes, as before.
    with factory(bind=connection, join_transaction_mode="create_savepoint") as session:
        yield session


async def get_http_client(request: Request) -> httpx.AsyncClient:
    client: httpx.AsyncClient = request.app.state.http_client
    return client


def get_faq(
    request: Request, session: Annotated[Session, Depends(get_session)]
) -> dict[str, Topic]:
    """The live FAQ topics (the database's, cached until a publish changes them)."""
    live: LiveTopics = request.app.state.faq
    return live.topics(session)


async def get_example_embeddings(request: Request) -> ExampleEmbeddings:
    """The sentence embeddings of the content checks (the model loads on the first check)."""
    embeddings: ExampleEmbeddings = request.app.state.example_embeddings
    return embeddings


async def get_redactor(request: Request) -> Redactor:
    redactor: Redactor = request.app.state.redactor
    return redactor


async def get_theme_classifier(request: Request) -> ThemeClassifier:
    classifier: ThemeClassifier = request.app.state.theme_classifier
    return classifier


async def get_now(request: Request) -> datetime:
    """The current time from the app's clock (`create_app(clock=...)`)."""
    clock: Clock = request.app.state.clock
    return clock.now()


# A row id in a path: PostgreSQL's INTEGER holds no more (a larger one would be a 500 there,
# and SQLite's limit is 2**63 - 1); none is below 1.
MAX_ROW_ID = 2**31 - 1
RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID)]

SettingsDep = Annotated[ApiSettings, Depends(get_app_settings)]
SessionDep = Annotated[Session, Depends(get_session)]
HttpClientDep = Annotated[httpx.AsyncClient, Depends(get_http_client)]
FaqDep = Annotated[dict[str, Topic], Depends(get_faq)]
RedactorDep = Annotated[Redactor, Depends(get_redactor)]
ExampleEmbeddingsDep = Annotated[ExampleEmbeddings, Depends(get_example_embeddings)]
ThemeClassifierDep = Annotated[ThemeClassifier, Depends(get_theme_classifier)]
NowDep = Annotated[datetime, Depends(get_now)]


async def get_today(settings: SettingsDep, now: NowDep) -> date:
    """Today in Finland, unless the settings fix the day (demos and end-to-end tests)."""
    return settings.today or today_in_finland(now)


TodayDep = Annotated[date, Depends(get_today)]


async def require_service_token(
    settings: SettingsDep,
    authorization: Annotated[str | None, Header()] = None,
) -> None:
    """Only the action server (and other internal services) may call service endpoints."""
    if not tokens_match(authorization, f"Bearer {settings.service_token.get_secret_value()}"):
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="service token required",
            headers={"WWW-Authenticate": "Bearer"},
        )


ServiceAuth = Depends(require_service_token)


@dataclass(frozen=True)
class Login:
    """A staff member's valid session: who, and the CSRF token of the session."""

    user: User
    session: UserSession


class AccessError(Exception):
    """The caller may not have what they asked for; `detail` is the API's answer."""

    status_code = status.HTTP_403_FORBIDDEN
    detail = "not allowed"

    def __init__(self, login: Login | None = None) -> None:
        super().__init__(self.detail)
        self.login = login  # who asked, for the page that answers


class LoginRequired(AccessError):
    status_code = status.HTTP_401_UNAUTHORIZED
    detail = "login required"


class Forbidden(AccessError):
    status_code = status.HTTP_403_FORBIDDEN
    detail = "not allowed for your role"


class NotFound(AccessError):
    """Another advisor's meeting is as good as missing: its id tells nothing."""

    status_code = status.HTTP_404_NOT_FOUND
    detail = "no such meeting"


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
    if not tokens_match(sent, login.session.csrf_token):
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="CSRF token missing or wrong")
    return login


# The login if there is one; when there is, an unsafe request has passed the CSRF check.
OptionalCsrfCheckedLogin = Annotated[Login | None, Depends(check_csrf)]


def require_login(login: OptionalCsrfCheckedLogin) -> Login:
    if login is None:
        raise LoginRequired()
    return login


CurrentLogin = Annotated[Login, Depends(require_login)]


def require_roles(*roles: Role) -> Callable[[Login], Login]:
    """A dependency that lets only logins with one of `roles` through (others: Forbidden)."""

    def guard(login: CurrentLogin) -> Login:
        if login.user.role not in roles:
            raise Forbidden(login)
        return login

    return guard


AdvisorLogin = Annotated[Login, Depends(require_roles("advisor"))]
AdminLogin = Annotated[Login, Depends(require_roles("admin"))]
# The service developers: analysts, and admins (who may do what analysts do).
AnalystLogin = Annotated[Login, Depends(require_roles("analyst", "admin"))]
# The content team, who edit and publish the FAQ; and admins.
ContentEditorLogin = Annotated[Login, Depends(require_roles("content_editor", "admin"))]


def advisor_user(login: AdvisorLogin) -> User:
    return login.user


def admin_user(login: AdminLogin) -> User:
    return login.user


def analyst_user(login: AnalystLogin) -> User:
    return login.user


def content_editor_user(login: ContentEditorLogin) -> User:
    return login.user


AdvisorUser = Annotated[User, Depends(advisor_user)]
AdminUser = Annotated[User, Depends(admin_user)]
AnalystUser = Annotated[User, Depends(analyst_user)]
ContentEditorUser = Annotated[User, Depends(content_editor_user)]


def advisor_meeting(meeting_id: str, advisor: AdvisorLogin, session: SessionDep) -> Meeting:
    """The meeting of the path, if it is the advisor's own (else NotFound)."""
    meeting = meetings.get_for_advisor(session, meeting_id, advisor.user.id)
    if meeting is None:
        raise NotFound(advisor)
    return meeting


AdvisorMeeting = Annotated[Meeting, Depends(advisor_meeting)]
