"""The API's app factory: `uvicorn --factory api.main:create_app`.

It wires the parts together: the lifespan (database, the FAQ's live topics (imported from
FAQ_DIR into an empty database), redactor, retention, the theme classifier's model warmed in
the background), the answers
to domain and access errors, the JSON API (`api.routes`) and the HTML pages (`api.web`).
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress

import httpx
from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from api.core.clock import Clock, SystemClock, today_in_finland
from api.core.database import make_engine
from api.core.idempotency import Idempotency, document
from api.core.middleware import BodyLimit, SecurityHeaders, policy_for
from api.core.settings import ApiSettings, get_settings
from api.deps import AccessError
from api.routes import api_router, health
from api.services.errors import Reason, Refusal
from api.services.faq import publishing, store
from api.services.faq.checks import ExampleEmbeddings
from api.services.faq.live import LiveTopics
from api.services.redaction import build_redactor
from api.services.retention import purge_periodically, tracker_engine
from api.services.themes.classifier import EmbeddingThemes, ThemeClassifier
from api.web import web_router
from api.web.admin import rendering as admin_rendering
from api.web.advisor import rendering as advisor_rendering
from api.web.analyst import rendering as analyst_rendering
from api.web.editor import rendering as editor_rendering
from api.web.jinja import STATIC_DIR
from embeddings import CachedEmbedder, E5Embedder
from vocabulary.deployment import check_production, is_production

logger = logging.getLogger(__name__)

# The status code of each reason a service refuses with (the wire format the action server
# and the advisor's API clients read: {"detail": {"reason": ...}}).
REFUSAL_STATUS: dict[Reason, int] = {
    "rate_limited": status.HTTP_429_TOO_MANY_REQUESTS,
    "invalid": status.HTTP_404_NOT_FOUND,
    "expired": status.HTTP_404_NOT_FOUND,
    "used": status.HTTP_404_NOT_FOUND,
    "none": status.HTTP_404_NOT_FOUND,
    "no_consent": status.HTTP_409_CONFLICT,
    "closed": status.HTTP_409_CONFLICT,
    "not_opened": status.HTTP_409_CONFLICT,
    "not_member": status.HTTP_404_NOT_FOUND,
    "consent_outdated": status.HTTP_409_CONFLICT,
    "contact_unavailable": status.HTTP_409_CONFLICT,
    "invalid_email": status.HTTP_422_UNPROCESSABLE_CONTENT,
    "no_invitation": status.HTTP_404_NOT_FOUND,
    "answer_by_passed": status.HTTP_409_CONFLICT,
    "unknown_link": status.HTTP_404_NOT_FOUND,
    "link_gone": status.HTTP_410_GONE,
}


async def refusal_response(request: Request, error: Exception) -> Response:
    assert isinstance(error, Refusal)  # noqa: S101 - registered for Refusal only
    return JSONResponse(
        {"detail": {"reason": error.reason}}, status_code=REFUSAL_STATUS[error.reason]
    )


# Each staff UI: whether a request is for its pages, and its answer to an access error.
STAFF_UIS: tuple[
    tuple[Callable[[Request], bool], Callable[[Request, AccessError], Response]], ...
] = (
    (advisor_rendering.is_page, advisor_rendering.access_error_page),
    (analyst_rendering.is_page, analyst_rendering.access_error_page),
    (editor_rendering.is_page, editor_rendering.access_error_page),
    (admin_rendering.is_page, admin_rendering.access_error_page),
)


async def access_error_response(request: Request, error: Exception) -> Response:
    """The staff UIs' pages (advisor, analyst, editor, admin) answer with a page; the API with
    JSON."""
    assert isinstance(error, AccessError)  # noqa: S101 - registered for AccessError only
    for is_page, page in STAFF_UIS:
        if is_page(request):
            return page(request, error)
    return JSONResponse({"detail": error.detail}, status_code=error.status_code)


def start_faq(factory: sessionmaker[Session], settings: ApiSettings, clock: Clock) -> None:
    """A database without topics gets the files' (so that `make run` just works); a text
    publish that an earlier process left queued or half done is done now."""
    now = clock.now()
    checking = publishing.Checking(
        settings.today or today_in_finland(now), settings.review_interval
    )
    try:
        with factory() as session:
            store.import_if_empty(session, settings.faq_dir, now=now)
            publishing.run_ready_text_jobs(
                session, now=now, checking=checking, faq_dir=settings.faq_dir
            )
    except SQLAlchemyError:
        # The API still starts: /health says the database is unavailable, and the FAQ
        # answers come once it is back (and migrated: `make migrate`).
        logger.exception("FAQ: the database is unavailable, no topics were imported")


async def warm(classifier: ThemeClassifier) -> None:
    """In a thread, so the API answers at once; the first text to classify waits for it."""
    try:
        await asyncio.to_thread(classifier.warm)
    except Exception:  # the first text to classify tries again, and fails loudly then
        logger.exception("The theme classifier could not load its model")


def create_app(
    settings: ApiSettings | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Clock | None = None,
    theme_classifier: ThemeClassifier | None = None,
    retention_loop: bool = True,
) -> FastAPI:
    """Build the app; `transport` lets tests answer the API's outgoing HTTP calls, `clock`
    sets the time, `theme_classifier` replaces the sentence-embedding one (nothing is loaded
    here: its model is memory-mapped when the lifespan warms it); `retention_loop=False`
    leaves the hourly retention job out (tests that run its rounds themselves)."""
    settings = settings or get_settings()
    check_production(settings.kohtaamo_env, settings.secrets(), settings.production_problems())
    production = is_production(settings.kohtaamo_env)
    clock = clock or SystemClock()
    classifier = theme_classifier or EmbeddingThemes(E5Embedder())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.redactor = build_redactor(settings)
        engine = make_engine(settings.database_url)
        app.state.engine = engine  # api.core.idempotency opens a request's transaction on it
        app.state.session_factory = sessionmaker(engine, expire_on_commit=False)
        start_faq(app.state.session_factory, settings, clock)
        app.state.faq = LiveTopics()
        # Loads nothing yet: the model is read on the first conflict check.
        app.state.example_embeddings = ExampleEmbeddings(
            CachedEmbedder(E5Embedder(), settings.embeddings_cache_dir)
        )
        tracker = tracker_engine(settings.tracker_database_url)
        purging = asyncio.create_task(
            purge_periodically(
                app.state.session_factory,
                settings,
                clock,
                classifier=classifier,
                tracker=tracker,
            )
            if retention_loop
            else asyncio.sleep(0)
        )
        warming = asyncio.create_task(warm(classifier))
        async with httpx.AsyncClient(transport=transport) as client:
            app.state.http_client = client
            yield
        purging.cancel()
        with suppress(asyncio.CancelledError):
            await purging
        await warming
        tracker.dispose()
        engine.dispose()

    app = FastAPI(
        title="Kohtaamo API",
        summary="Client participation assistant for Finnish public employment services",
        version="0.1.0",
        lifespan=lifespan,
        # The interactive docs load scripts from a CDN; the schema stays (/openapi.json).
        docs_url=None if production else "/docs",
        redoc_url=None if production else "/redoc",
    )
    # The last added runs first: the body limit before anything reads the body, the
    # idempotency keys inside both (a replayed answer gets the security headers too).
    app.add_middleware(Idempotency, settings=settings, now=clock.now)
    app.add_middleware(SecurityHeaders, settings=settings, policy=policy_for)
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)
    app.state.settings = settings
    app.state.clock = clock
    app.state.theme_classifier = classifier
    app.add_exception_handler(Refusal, refusal_response)
    app.add_exception_handler(AccessError, access_error_response)
    app.include_router(health.router)
    app.include_router(api_router)
    app.include_router(web_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    schema = app.openapi
    app.openapi = lambda: document(schema())  # type: ignore[method-assign]
    return app
