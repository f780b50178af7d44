"""The API's app factory: `uvicorn --factory api.main:create_app`."""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.orm import sessionmaker

from api.database import make_engine
from api.faq.content import load_topics
from api.meeting_prep.client_flow import Refusal
from api.meeting_prep.retention import purge_periodically
from api.redaction import build_redactor
from api.routes import (
    advisor_login,
    advisor_pages,
    audit_log,
    auth,
    client_meetings,
    conversations,
    faq,
    health,
    meetings,
    outbox,
    pages,
    redactions,
    users,
)
from api.settings import ApiSettings, get_settings

logger = logging.getLogger(__name__)
STATIC_DIR = Path(__file__).resolve().parent / "static"


async def refusal_response(request: Request, error: Exception) -> JSONResponse:
    """A refusal of the client's meeting flow, in the shape the action server reads."""
    assert isinstance(error, Refusal)  # noqa: S101 - registered for Refusal only
    return JSONResponse({"detail": {"reason": error.reason}}, status_code=error.status_code)


def create_app(
    settings: ApiSettings | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    """Build the app; `transport` lets tests answer the API's outgoing HTTP calls."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.faq = load_topics(settings.faq_dir)
        app.state.redactor = build_redactor(settings)
        engine = make_engine(settings.database_url)
        app.state.session_factory = sessionmaker(engine, expire_on_commit=False)
        purging = asyncio.create_task(
            purge_periodically(app.state.session_factory, settings.answer_retention)
        )
        async with httpx.AsyncClient(transport=transport) as client:
            app.state.http_client = client
            yield
        purging.cancel()
        with suppress(asyncio.CancelledError):
            await purging
        engine.dispose()

    app = FastAPI(
        title="Kohtaamo API",
        summary="Client participation assistant for Finnish public employment services",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.add_exception_handler(Refusal, refusal_response)
    app.include_router(health.router)
    app.include_router(conversations.router)
    app.include_router(client_meetings.router)
    app.include_router(faq.router)
    app.include_router(redactions.router)
    app.include_router(auth.router)
    app.include_router(users.router)
    app.include_router(meetings.router)
    app.include_router(outbox.router)
    app.include_router(audit_log.router)
    app.include_router(pages.router)
    app.include_router(advisor_login.router)
    app.include_router(advisor_pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
