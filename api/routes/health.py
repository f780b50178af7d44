"""/health: is the database reachable, and is the Rasa server up?"""

import logging

import httpx
from fastapi import APIRouter, Response, status
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from api.deps import HttpClientDep, SessionDep, SettingsDep
from api.schemas.health import HealthOut, Status

logger = logging.getLogger(__name__)
router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthOut)
async def health(
    session: SessionDep, client: HttpClientDep, settings: SettingsDep, response: Response
) -> HealthOut:
    database: Status = "ok"
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        logger.exception("database check failed")
        database = "unavailable"

    rasa: Status = "ok"
    try:
        reply = await client.get(f"{settings.rasa_url}/", timeout=settings.health_timeout_seconds)
        reply.raise_for_status()
    except httpx.HTTPError as error:
        logger.warning("Rasa check failed: %s", type(error).__name__)
        rasa = "unavailable"

    overall: Status = "ok" if database == rasa == "ok" else "unavailable"
    if overall != "ok":
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return HealthOut(status=overall, database=database, rasa=rasa)
