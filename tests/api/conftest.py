"""Fixtures of the API tests: a migrated SQLite database per test and a TestClient.

The app gets a clock that the test moves by hand (`clock`), and a fake redactor stands in for
the real one (see fake_redactor.py); the keyword method stands in for the sentence-embedding
theme classifier (KEYWORD_THEMES: no model to load; tests/api/services/themes use the real
one). Also the helpers that log in, through the API and through the advisor UI's form.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

import httpx
import pytest
from alembic import command
from alembic.config import Config
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlalchemy.orm import Session, sessionmaker

from api.core.database import make_engine
from api.core.settings import REPO_ROOT, ApiSettings
from api.deps import get_redactor
from api.main import create_app
from api.orm import User
from api.repositories import users
from api.services.themes.keywords import KeywordThemes
from tests.api.fake_redactor import FakeRedactor
from tests.api.faq_fixtures import topic, write

SERVICE_HEADERS = {"Authorization": "Bearer test-service-token"}
PASSWORD = "made-up test password"
START = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
KEYWORD_THEMES = KeywordThemes()


def migrate(database_url: str) -> None:
    config = Config(str(REPO_ROOT / "api" / "alembic.ini"))
    config.attributes["database_url"] = database_url
    command.upgrade(config, "head")


@cache
def password_hash() -> str:
    """One Argon2 hash for every test user, with cheap parameters.

    Argon2 is slow on purpose; verifying reads the parameters from the hash, so logins in
    tests stay fast while the app still hashes new passwords with the default cost.
    """
    return PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),)).hash(
        PASSWORD
    )


@dataclass
class Clock:
    """The app's clock in tests: it stands still until the test moves it."""

    moment: datetime = START

    def now(self) -> datetime:
        return self.moment

    def advance(self, delta: timedelta) -> None:
        self.moment += delta


@pytest.fixture
def settings(tmp_path: Path) -> ApiSettings:
    url = f"sqlite:///{tmp_path / 'api.db'}"
    migrate(url)
    faq_dir = write(tmp_path / "faq", topic("alpha"), topic("beta"))
    return ApiSettings(
        database_url=url,
        service_token="test-service-token",
        faq_dir=faq_dir,
        # Never the repository's own var/rasa-tracker.db: the retention job purges it.
        tracker_database_url=f"sqlite:///{tmp_path / 'rasa-tracker.db'}",
    )


def rasa_up(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, text="Hello from Rasa: 3.6.21")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def redactor() -> FakeRedactor:
    return FakeRedactor()


@pytest.fixture
def app(settings: ApiSettings, clock: Clock, redactor: FakeRedactor) -> FastAPI:
    # Without the hourly retention job: its rounds (and their audit entries) are the tests'.
    app = create_app(
        settings, httpx.MockTransport(rasa_up), clock, KEYWORD_THEMES, retention_loop=False
    )
    app.dependency_overrides[get_redactor] = lambda: redactor
    return app


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def db(settings: ApiSettings) -> Iterator[Session]:
    """A session on the test database, for arranging and checking rows directly."""
    engine = make_engine(settings.database_url)
    with sessionmaker(engine, expire_on_commit=False)() as session:
        yield session
    engine.dispose()


MakeUser = Callable[..., User]


@pytest.fixture
def make_user(db: Session) -> MakeUser:
    def make(role: str, email: str | None = None, name: str | None = None) -> User:
        return users.create(
            db,
            email=email or f"{role}@example.org",
            display_name=name or f"Test {role}",
            role=role,
            password_hash=password_hash(),
            now=START,
        )

    return make


def login(client: TestClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    """Logs in through the API (the client keeps the cookie); returns the CSRF header."""
    reply = client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert reply.status_code == 200, reply.text
    return {"X-CSRF-Token": reply.json()["csrf_token"]}


def csrf_of(html: str) -> str:
    """The CSRF token of a page's forms."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None, "no CSRF field on the page"
    return found.group(1)


def ui_login(client: TestClient, email: str) -> int:
    """Logs in through the advisor UI's form; the status code (303 on success)."""
    form = client.get("/advisor/login")
    data = {"email": email, "password": PASSWORD, "csrf_token": csrf_of(form.text)}
    return client.post("/advisor/login", data=data, follow_redirects=False).status_code
