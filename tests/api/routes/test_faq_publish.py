"""/api/v1/faq/publish: a text-only publish changes the answer the assistant gives at once,
on every API instance of the database, and writes the file; one that needs training waits
queued; a publish with check errors is refused with the reasons; a rollback undoes the newest
training publish."""

from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.settings import ApiSettings
from api.main import create_app
from api.orm import AuditEntry
from api.services.faq import publishing
from tests.api.conftest import START, MakeUser, login
from tests.api.faq_fixtures import topic

TOPICS = "/api/v1/faq/topics"
PUBLISH = "/api/v1/faq/publish"


@pytest.fixture
def csrf(client: TestClient, make_user: MakeUser) -> dict[str, str]:
    make_user("content_editor")
    return login(client, "content_editor@example.org")


@pytest.fixture
def other_instance(settings: ApiSettings) -> Iterator[TestClient]:
    """A second API process on the same database."""
    transport = httpx.MockTransport(lambda request: httpx.Response(200))
    with TestClient(create_app(settings, transport)) as client:
        yield client


def answer(client: TestClient, language: str = "en") -> str:
    reply = client.get("/api/v1/faq/alpha", params={"language": language, "on": "2026-12-01"})
    text: str = reply.json()["text"]
    return text


def edit(client: TestClient, csrf: dict[str, str], change: Any, name: str = "alpha") -> None:
    body = client.get(f"{TOPICS}/{name}").json()
    change(body)
    assert client.put(f"{TOPICS}/{name}", json=body, headers=csrf).status_code == 200


def new_answer(body: dict[str, Any]) -> None:
    body["variants"][1]["answer"]["en"] = "The rule as it is today."


def test_a_text_publish_changes_the_answer_everywhere_at_once(
    client: TestClient, other_instance: TestClient, csrf: dict[str, str], settings: ApiSettings
) -> None:
    assert answer(client).startswith("New rule.") and answer(other_instance).startswith("New rule.")
    edit(client, csrf, new_answer)
    assert answer(client).startswith("New rule.")  # a draft is not live

    reply = client.post(PUBLISH, headers=csrf)
    assert reply.status_code == 202
    job = reply.json()["job"]
    assert client.get(f"{PUBLISH}/{job}").json() == {
        "state": "live",
        "kind": "text",
        "progress": {"fraction": 1.0},
        "reason": None,
        "rollback_of": None,
    }
    assert answer(client).startswith("The rule as it is today.")
    assert answer(other_instance).startswith("The rule as it is today.")
    assert "The rule as it is today." in (settings.faq_dir / "alpha.yml").read_text()
    listed = client.get(PUBLISH).json()
    assert [(j["job"], j["versions"], j["state"]) for j in listed] == [(job, {"alpha": 2}, "live")]
    assert client.get(f"{TOPICS}/alpha/versions").json()[0]["publish_job"] == job


def test_new_examples_wait_for_the_worker(client: TestClient, csrf: dict[str, str]) -> None:
    edit(client, csrf, lambda body: body["examples"]["en"].append("a brand new question"))
    job = client.post(PUBLISH, headers=csrf).json()["job"]
    assert client.get(f"{PUBLISH}/{job}").json() == {
        "state": "queued",
        "kind": "finetune",
        "progress": {"fraction": 0.0},
        "reason": None,
        "rollback_of": None,
    }
    # Queued, not raced: the same topic's next text change waits behind it.
    edit(client, csrf, new_answer)
    behind = client.post(PUBLISH, headers=csrf).json()["job"]
    assert client.get(f"{PUBLISH}/{behind}").json()["state"] == "queued"
    assert answer(client).startswith("New rule.")


def test_a_new_topic_needs_full_training(client: TestClient, csrf: dict[str, str]) -> None:
    assert client.post(TOPICS, json=topic("gamma"), headers=csrf).status_code == 201
    job = client.post(PUBLISH, headers=csrf).json()["job"]
    assert client.get(f"{PUBLISH}/{job}").json()["kind"] == "full"
    assert client.get("/api/v1/faq/gamma").status_code == 404  # not before the model knows it


def test_check_errors_refuse_the_publish_with_the_reasons(
    client: TestClient, csrf: dict[str, str]
) -> None:
    edit(client, csrf, lambda body: body.update(related=["nothing"]))
    reply = client.post(PUBLISH, headers=csrf)
    assert reply.status_code == 422
    detail = reply.json()["detail"]
    assert detail["reason"] == "check_errors"
    assert [(f["topic"], f["where"], f["what"]) for f in detail["findings"]] == [
        ("alpha", "related[0]", "related topic 'nothing' does not exist")
    ]
    assert client.get(PUBLISH).json() == []


def test_nothing_to_publish_and_unknown_jobs(client: TestClient, csrf: dict[str, str]) -> None:
    reply = client.post(PUBLISH, headers=csrf)
    assert reply.status_code == 409
    assert reply.json()["detail"] == {"reason": "nothing_to_publish"}
    assert client.get(f"{PUBLISH}/99").status_code == 404


def test_every_publish_is_in_the_audit_log(
    client: TestClient, csrf: dict[str, str], make_user: MakeUser
) -> None:
    edit(client, csrf, new_answer)
    job = client.post(PUBLISH, headers=csrf).json()["job"]
    make_user("admin")
    login(client, "admin@example.org")
    items = client.get("/api/v1/audit-log").json()["items"]
    assert [(e["action"], e["subject"], e["user_email"]) for e in items] == [
        ("faq_publish", f"faq_publish {job} text", "content_editor@example.org"),
        ("faq_save", "faq_topic alpha v2", "content_editor@example.org"),
    ]


def test_a_rollback_undoes_the_newest_training_publish(
    client: TestClient, csrf: dict[str, str], db: Session, settings: ApiSettings
) -> None:
    rollback = f"{PUBLISH}/rollback"
    assert client.post(rollback, headers=csrf).json()["detail"] == {
        "reason": "nothing_to_roll_back"
    }
    edit(client, csrf, lambda body: body["examples"]["en"].append("a brand new question"))
    job = client.post(PUBLISH, headers=csrf).json()["job"]
    reply = client.post(rollback, headers=csrf)
    assert (reply.status_code, reply.json()["detail"]) == (409, {"reason": "publish_unfinished"})
    checking = publishing.Checking(date(2026, 12, 1), 12)
    publishing.finish(db, job, now=START, checking=checking, faq_dir=settings.faq_dir, model="m")

    reply = client.post(rollback, headers=csrf)
    assert reply.status_code == 202
    undo = reply.json()["job"]
    assert client.get(f"{PUBLISH}/{undo}").json() == {
        "state": "queued",
        "kind": "finetune",
        "progress": {"fraction": 0.0},
        "reason": None,
        "rollback_of": job,
    }
    newest = client.get(f"{TOPICS}/alpha").json()
    assert newest["version"] == 3 and "a brand new question" not in newest["examples"]["en"]
    [restored, *_] = client.get(f"{TOPICS}/alpha/versions").json()
    assert restored["restored_from"] == 1
    audit = db.scalars(select(AuditEntry).where(AuditEntry.action == "faq_rollback")).one()
    assert audit.subject == f"faq_publish {undo} finetune undoes {job}: faq_topic alpha v3"
