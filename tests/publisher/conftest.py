"""Fixtures of the worker's tests: a migrated SQLite database with two live topics, a content
editor, a clock moved by hand, a fake trainer and fake Rasa servers (httpx.MockTransport)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from sqlalchemy.orm import Session, sessionmaker

from api.core.database import make_engine
from api.orm import User
from api.repositories import users
from api.services.faq import store
from publisher.rasa import Fleet
from publisher.settings import PublisherSettings
from publisher.training import CheckResult, TrainingFailed
from publisher.worker import Worker
from tests.api.conftest import START, Clock, migrate, password_hash
from tests.api.faq_fixtures import topic, write

SERVERS = ["http://rasa-1:5005", "http://rasa-2:5005"]
TOKEN = "test-rasa-token"


def content_name(files: dict[str, str]) -> str:
    """The fake trainer's fingerprint: the topics and their examples, as the real one."""
    trained = {t: yaml.safe_load(text)["examples"] for t, text in sorted(files.items())}
    return hashlib.sha256(json.dumps(trained, sort_keys=True).encode()).hexdigest()[:16]


@dataclass
class FakeTrainer:
    """Trains by writing a file; the clock moves `seconds` while it trains."""

    clock: Clock
    seconds: float = 30.0
    passes: bool = True
    fails: str | None = None
    trained: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    finetuned_from: list[Path | None] = field(default_factory=list)
    # Called halfway through the training, after a heartbeat (a test reads the job there).
    during: Callable[[], None] | None = None

    def prepare(self, files: dict[str, str], project: Path) -> str:
        write_to = project / "faq"
        write_to.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (write_to / f"{name}.yml").write_text(text)
        return content_name(files)

    def train(
        self,
        project: Path,
        out: Path,
        name: str,
        *,
        finetune_from: Path | None,
        on_progress: Callable[[dict[str, Any]], None],
        tick: Callable[[], bool],
    ) -> Path:
        self.trained.append(name)
        self.finetuned_from.append(finetune_from)
        on_progress({"component": "SentenceEmbeddingFeaturizer"})
        self.clock.advance(timedelta(seconds=self.seconds / 2))
        tick()
        if self.during is not None:
            self.during()
        self.clock.advance(timedelta(seconds=self.seconds / 2))
        if self.fails:
            raise TrainingFailed(self.fails)
        out.mkdir(parents=True, exist_ok=True)
        model = out / f"{name}.tar.gz"
        model.write_bytes(b"model")
        return model

    def check(self, model: Path, project: Path, *, tick: Callable[[], bool]) -> CheckResult:
        self.checked.append(model.name)
        tick()
        if self.passes:
            return CheckResult(True, [])
        return CheckResult(False, ["fi topic accuracy 0.900 (floor 0.96)"])


@dataclass
class FakeRasa:
    """Rasa servers' /status and /model: each serves a model file's name."""

    models: dict[str, str | None]
    refuse: set[str] = field(default_factory=set)
    puts: list[tuple[str, str]] = field(default_factory=list)
    down: bool = False
    parses: list[str] = field(default_factory=list)

    def handle(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("connection refused", request=request)
        server = f"{request.url.scheme}://{request.url.host}:{request.url.port}"
        if request.url.params.get("token") != TOKEN:
            return httpx.Response(401)
        if request.url.path == "/status" and request.method == "GET":
            return httpx.Response(200, json={"model_file": self.models[server]})
        if request.url.path == "/model" and request.method == "PUT":
            path = json.loads(request.content)["model_file"]
            self.puts.append((server, Path(path).name))
            if server in self.refuse:
                return httpx.Response(400, json={"message": "could not load"})
            self.models[server] = Path(path).name
            return httpx.Response(204)
        if request.url.path == "/model/parse" and request.method == "POST":
            self.parses.append(server)
            return httpx.Response(200, json={"intent": {"name": "greet"}})
        return httpx.Response(404)


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    url = f"sqlite:///{tmp_path / 'api.db'}"
    migrate(url)
    engine = make_engine(url)
    yield sessionmaker(engine, expire_on_commit=False)
    engine.dispose()


@pytest.fixture
def db(sessions: sessionmaker[Session]) -> Iterator[Session]:
    with sessions() as session:
        yield session


@pytest.fixture
def faq_dir(db: Session, tmp_path: Path) -> Path:
    folder = write(tmp_path / "faq", topic("alpha"), topic("beta"))
    store.import_folder(db, folder, author=None, now=START)
    db.commit()
    return folder


@pytest.fixture
def editor(db: Session) -> User:
    user = users.create(
        db,
        email="editor@example.org",
        display_name="Made-up Editor",
        role="content_editor",
        password_hash=password_hash(),
        now=START,
    )
    db.commit()
    return user


@pytest.fixture
def settings(tmp_path: Path, faq_dir: Path, sessions: sessionmaker[Session]) -> PublisherSettings:
    return PublisherSettings(
        database_url="sqlite://",  # the tests hand the worker their sessions
        rasa_urls=",".join(SERVERS),
        rasa_token=TOKEN,
        models_dir=tmp_path / "models",
        faq_dir=faq_dir,
        work_dir=tmp_path / "work",
        worker_name="test-worker",
        today="2026-12-01",
    )


@pytest.fixture
def rasa(settings: PublisherSettings, db: Session, faq_dir: Path) -> FakeRasa:
    """Both servers serve the model of the imported content, kept in models/."""
    files = {p.stem: p.read_text() for p in sorted(faq_dir.glob("*.yml"))}
    live = f"{content_name(files)}.tar.gz"
    settings.models_dir.mkdir(parents=True)
    (settings.models_dir / live).write_bytes(b"model")
    return FakeRasa(dict.fromkeys(SERVERS, live))


@pytest.fixture
def trainer(clock: Clock) -> FakeTrainer:
    return FakeTrainer(clock)


@pytest.fixture
def worker(
    settings: PublisherSettings,
    sessions: sessionmaker[Session],
    clock: Clock,
    trainer: FakeTrainer,
    rasa: FakeRasa,
) -> Iterator[Worker]:
    with httpx.Client(transport=httpx.MockTransport(rasa.handle)) as http:
        made = Worker(settings, sessions, clock, trainer, Fleet(settings.urls, TOKEN, http), "1")
        yield made
