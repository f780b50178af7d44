"""Fixtures of the API tests: a migrated SQLite database per test and a TestClient."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import REPO_ROOT, ApiSettings

SERVICE_HEADERS = {"Authorization": "Bearer test-service-token"}


def migrate(database_url: str) -> None:
    config = Config(str(REPO_ROOT / "api" / "alembic.ini"))
    config.attributes["database_url"] = database_url
    command.upgrade(config, "head")


@pytest.fixture
def settings(tmp_path: Path) -> ApiSettings:
    url = f"sqlite:///{tmp_path / 'api.db'}"
    migrate(url)
    return ApiSettings(database_url=url, service_token="test-service-token")


def rasa_up(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, text="Hello from Rasa: 3.6.21")


@pytest.fixture
def client(settings: ApiSettings) -> Iterator[TestClient]:
    with TestClient(create_app(settings, httpx.MockTransport(rasa_up))) as test_client:
        yield test_client
