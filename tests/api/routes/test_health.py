"""/health: the database and Rasa reachable, or 503."""

from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from api.core.settings import ApiSettings
from api.main import create_app
from tests.api.conftest import KEYWORD_THEMES


def test_health_is_ok_when_database_and_rasa_answer(client: TestClient) -> None:
    reply = client.get("/health")
    assert reply.status_code == 200
    assert reply.json() == {"status": "ok", "database": "ok", "rasa": "ok"}


def test_health_is_503_when_rasa_is_down(settings: ApiSettings) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with TestClient(
        create_app(settings, httpx.MockTransport(refuse), theme_classifier=KEYWORD_THEMES)
    ) as client:
        reply = client.get("/health")
    assert reply.status_code == 503
    assert reply.json() == {"status": "unavailable", "database": "ok", "rasa": "unavailable"}


def test_health_is_503_when_database_is_unreachable(tmp_path: Path) -> None:
    settings = ApiSettings(database_url=f"sqlite:///{tmp_path / 'missing' / 'api.db'}")
    transport = httpx.MockTransport(lambda request: httpx.Response(200))
    with TestClient(create_app(settings, transport, theme_classifier=KEYWORD_THEMES)) as client:
        reply = client.get("/health")
    assert reply.status_code == 503
    assert reply.json()["database"] == "unavailable"
