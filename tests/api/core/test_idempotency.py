"""Idempotency keys: a write sent again with its key is answered from the first time, and the
write and its key commit together (api.core.idempotency)."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from api.core import idempotency
from api.core.database import make_engine
from api.core.settings import ApiSettings
from api.deps import get_redactor
from api.main import create_app
from api.orm import IdempotencyKey, InviteAttempt, MeetingAnswer
from api.repositories import idempotency_keys, users
from api.services.retention import purge_once
from tests.api.client_meetings_helpers import consent, conversation, create_meeting, redeem
from tests.api.conftest import (
    KEYWORD_THEMES,
    SERVICE_HEADERS,
    START,
    Clock,
    MakeUser,
    login,
    migrate,
    password_hash,
    rasa_up,
)
from tests.api.fake_redactor import FakeRedactor
from tests.api.faq_fixtures import topic, write
from tests.api.migrations.test_migrations import postgres_url  # noqa: F401 - the fixture

KEY = "rest-idem-1"
ANSWER = {"section": "goals", "text": "töihin keväällä", "language": "fi", "replace": False}


def keyed(key: str) -> dict[str, str]:
    return {**SERVICE_HEADERS, "Idempotency-Key": key}


@pytest.fixture
def consented(client: TestClient, make_user: MakeUser) -> dict[str, str]:
    make_user("advisor", name="Aino Neuvoja")
    meeting = create_meeting(client, login(client, "advisor@example.org"))
    assert redeem(client, KEY, meeting["invite_code"])[0] == 200
    consent(client, KEY, True)
    return meeting


def post_answer(client: TestClient, key: str, body: dict[str, Any] = ANSWER) -> Any:
    return client.post(f"{conversation(KEY)}/meeting/answers", json=body, headers=keyed(key))


def count(db: Session, table: Any) -> int:
    db.expire_all()
    return int(db.scalar(select(func.count()).select_from(table)) or 0)


def test_the_same_write_again_is_answered_not_done_again(
    client: TestClient, consented: dict[str, str], db: Session
) -> None:
    first = post_answer(client, "k-answer-0001")
    assert first.status_code == 201
    assert "idempotent-replayed" not in first.headers
    again = post_answer(client, "k-answer-0001")
    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["content-type"] == "application/json"
    assert again.headers["content-security-policy"]  # replayed answers pass the headers too
    assert count(db, MeetingAnswer) == 1
    # Another key is another write.
    assert post_answer(client, "k-answer-0002").status_code == 201
    assert count(db, MeetingAnswer) == 2


def test_the_stored_row_holds_hashes_and_the_route_template(
    client: TestClient, consented: dict[str, str], db: Session
) -> None:
    post_answer(client, "k-answer-0001")
    row = db.scalars(select(IdempotencyKey)).one()
    assert row.key_hash == idempotency.key_hash("k-answer-0001") != "k-answer-0001"
    assert row.route == "POST /api/v1/conversations/{conversation_key}/meeting/answers"
    assert row.conversation_hash == idempotency_keys.conversation_hash(KEY)
    assert KEY not in row.route and KEY not in (row.conversation_hash or "")
    assert row.status_code == 201
    assert row.media_type == "application/json"


def test_the_same_key_with_another_body_is_refused(
    client: TestClient, consented: dict[str, str], db: Session
) -> None:
    assert post_answer(client, "k-answer-0001").status_code == 201
    other = post_answer(client, "k-answer-0001", {**ANSWER, "text": "jotain muuta"})
    assert other.status_code == 422
    assert other.json() == {"detail": {"reason": "idempotency_key_reused"}}
    # The same body with its keys in another order and other spacing is the same request.
    reordered = dict(reversed(list(ANSWER.items())))
    assert post_answer(client, "k-answer-0001", reordered).status_code == 201
    assert count(db, MeetingAnswer) == 1


def test_a_refusal_is_stored_too_a_wrong_code_counts_once(
    client: TestClient, consented: dict[str, str], db: Session
) -> None:
    before = count(db, InviteAttempt)
    for _ in range(3):
        reply = client.post(
            f"{conversation('other-conv')}/meeting",
            json={"invite_code": "K7QM-4TXD-9RWB-E"},
            headers=keyed("k-redeem-0001"),
        )
        assert reply.status_code == 404
        assert reply.json() == {"detail": {"reason": "invalid"}}
    assert count(db, InviteAttempt) == before + 1


def test_a_write_whose_key_cannot_commit_is_not_done(
    client: TestClient, consented: dict[str, str], db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(connection: Any, row: IdempotencyKey) -> None:
        raise OperationalError("COMMIT", {}, Exception("database is locked"))

    with monkeypatch.context() as patch:
        patch.setattr(idempotency, "store_and_commit", locked)
        busy = post_answer(client, "k-answer-0001")
    assert busy.status_code == 503
    assert count(db, MeetingAnswer) == 0  # rolled back with its key
    assert count(db, IdempotencyKey) == 0
    assert post_answer(client, "k-answer-0001").status_code == 201  # tried again: done once
    assert post_answer(client, "k-answer-0001").status_code == 201
    assert count(db, MeetingAnswer) == 1


def test_a_server_error_stores_nothing_and_undoes_the_write(
    client: TestClient, consented: dict[str, str], db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    from api.services.meeting_prep import client_flow

    real = client_flow.add_answer

    def fails_after_writing(*args: Any, **kwargs: Any) -> Any:
        real(*args, **kwargs)  # stored and committed (a savepoint here) ...
        raise RuntimeError("... and then something broke")

    with monkeypatch.context() as patch:
        patch.setattr(client_flow, "add_answer", fails_after_writing)
        with TestClient(client.app, raise_server_exceptions=False) as failing:
            assert post_answer(failing, "k-answer-0001").status_code == 500
    assert count(db, MeetingAnswer) == 0
    assert count(db, IdempotencyKey) == 0
    assert post_answer(client, "k-answer-0001").status_code == 201
    assert count(db, MeetingAnswer) == 1


def test_a_key_committed_meanwhile_by_another_request_answers_this_one(
    client: TestClient, consented: dict[str, str], db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL lets two requests with one key run at once: the second one's key row fails
    on the primary key, its write is rolled back and it gets the first one's answer."""
    first = post_answer(client, "k-answer-0001")
    real = idempotency.begin_and_find

    def missed(connection: Any, hashed: str) -> None:
        real(connection, hashed)
        return None  # as if the first had not committed yet when this one looked

    monkeypatch.setattr(idempotency, "begin_and_find", missed)
    again = post_answer(client, "k-answer-0001")
    assert (again.status_code, again.json()) == (201, first.json())
    assert again.headers["idempotent-replayed"] == "true"
    assert count(db, MeetingAnswer) == 1


def test_without_the_service_token_the_key_is_ignored(
    client: TestClient, consented: dict[str, str], db: Session
) -> None:
    reply = client.post(
        f"{conversation(KEY)}/meeting/answers",
        json=ANSWER,
        headers={"Authorization": "Bearer wrong", "Idempotency-Key": "k-answer-0001"},
    )
    assert reply.status_code == 401
    assert count(db, IdempotencyKey) == 0
    assert post_answer(client, "k-answer-0001").status_code == 201  # the key still works


def test_without_a_key_nothing_changes(
    client: TestClient, consented: dict[str, str], db: Session
) -> None:
    for _ in range(2):
        reply = client.post(
            f"{conversation(KEY)}/meeting/answers", json=ANSWER, headers=SERVICE_HEADERS
        )
        assert reply.status_code == 201
    assert count(db, MeetingAnswer) == 2
    assert count(db, IdempotencyKey) == 0


def test_a_malformed_key_is_refused(client: TestClient, consented: dict[str, str]) -> None:
    reply = post_answer(client, "not a key, spaces")
    assert reply.status_code == 422
    assert reply.json() == {"detail": {"reason": "idempotency_key_invalid"}}


def test_withdrawing_consent_and_erasure_take_the_stored_replies(
    client: TestClient, consented: dict[str, str], db: Session
) -> None:
    post_answer(client, "k-answer-0001")
    other = client.put(
        f"{conversation('someone-else')}", json={"channel": "web"}, headers=keyed("k-conv-0001")
    )
    assert other.status_code in (200, 201)
    withdraw = client.put(
        f"{conversation(KEY)}/meeting/consent", json={"consent": False}, headers=keyed("k-c-0001")
    )
    assert withdraw.status_code == 200
    db.expire_all()
    # The answer's stored reply went with the answer; the withdrawal's own stays (no answers
    # in it), and so does another conversation's.
    routes = sorted(row.route for row in db.scalars(select(IdempotencyKey)))
    assert routes == [
        "PUT /api/v1/conversations/{conversation_key}",
        "PUT /api/v1/conversations/{conversation_key}/meeting/consent",
    ]
    erased = client.delete(f"{conversation(KEY)}/my-data", headers=keyed("k-erase-0001"))
    assert erased.status_code == 200
    db.expire_all()
    routes = sorted(row.route for row in db.scalars(select(IdempotencyKey)))
    assert routes == [
        "DELETE /api/v1/conversations/{conversation_key}/my-data",
        "PUT /api/v1/conversations/{conversation_key}",
    ]


def test_the_retention_job_deletes_old_keys(
    client: TestClient,
    consented: dict[str, str],
    db: Session,
    settings: ApiSettings,
    clock: Clock,
) -> None:
    post_answer(client, "k-answer-0001")
    factory = client.app.state.session_factory  # type: ignore[attr-defined]
    clock.advance(settings.idempotency_retention - timedelta(seconds=1))
    assert purge_once(factory, settings, clock).idempotency_keys == 0
    clock.advance(timedelta(seconds=2))
    assert purge_once(factory, settings, clock).idempotency_keys == 1
    assert count(db, IdempotencyKey) == 0


def post_twice_at_once(client: TestClient, key: str) -> list[Any]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda _: post_answer(client, key), range(2)))


def test_two_requests_with_one_key_at_once_write_once_on_sqlite(
    client: TestClient, consented: dict[str, str], db: Session
) -> None:
    """The second waits for the first's write lock (BEGIN IMMEDIATE), then finds its answer."""
    first, second = post_twice_at_once(client, "k-answer-0001")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert count(db, MeetingAnswer) == 1


class MeetingRedactor(FakeRedactor):
    """Holds each request inside the route until both are there: they run at once."""

    def __init__(self) -> None:
        super().__init__()
        self.together = threading.Barrier(2, timeout=30)

    def redact(self, text: str, language: str) -> str:
        self.together.wait()
        return super().redact(text, language)


@pytest.mark.postgres
def test_two_requests_with_one_key_at_once_write_once_on_postgresql(
    postgres_url: str,  # noqa: F811
    tmp_path: Path,
    clock: Clock,
) -> None:
    """Both run the route at the same time; the second's key row waits for the first's to
    commit, fails on the primary key, and its answer is rolled back: it gets the first's."""
    migrate(postgres_url)
    faq_dir = write(tmp_path / "faq", topic("alpha"))
    settings = ApiSettings(
        database_url=postgres_url,
        service_token="test-service-token",
        faq_dir=faq_dir,
        tracker_database_url=f"sqlite:///{tmp_path / 'rasa-tracker.db'}",
    )
    app = create_app(settings, httpx.MockTransport(rasa_up), clock, KEYWORD_THEMES, False)
    redactor = MeetingRedactor()
    app.dependency_overrides[get_redactor] = lambda: redactor
    engine = make_engine(postgres_url)
    with Session(engine) as session:
        users.create(
            session,
            email="advisor@example.org",
            display_name="Aino Neuvoja",
            role="advisor",
            password_hash=password_hash(),
            now=START,
        )
    with TestClient(app) as client:
        meeting = create_meeting(client, login(client, "advisor@example.org"))
        assert redeem(client, KEY, meeting["invite_code"])[0] == 200
        consent(client, KEY, True)
        first, second = post_twice_at_once(client, "k-answer-0001")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert {
        first.headers.get("idempotent-replayed"),
        second.headers.get("idempotent-replayed"),
    } == {
        None,
        "true",
    }
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(MeetingAnswer)) == 1
        assert session.scalar(select(func.count()).select_from(IdempotencyKey)) == 1
    engine.dispose()
