"""/api/v1/faq/topics, /checks, /import: the content team's editing API (content editors and
admins only), every save a version, 409 with what changed, 422 with every reason."""

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.settings import ApiSettings
from api.deps import get_example_embeddings
from api.orm import AuditEntry, FaqTopicAsk
from api.services.faq.checks import ExampleEmbeddings
from tests.api.conftest import START, MakeUser, login
from tests.api.fake_embedder import FakeEmbedder
from tests.api.faq_fixtures import topic, write

TOPICS = "/api/v1/faq/topics"


@pytest.fixture
def app(app: FastAPI) -> FastAPI:
    app.dependency_overrides[get_example_embeddings] = lambda: ExampleEmbeddings(FakeEmbedder())
    return app


@pytest.fixture
def csrf(client: TestClient, make_user: MakeUser) -> dict[str, str]:
    make_user("content_editor", name="Eeva Editor")
    return login(client, "content_editor@example.org")


def fetch(client: TestClient, name: str = "alpha") -> dict[str, Any]:
    reply = client.get(f"{TOPICS}/{name}")
    assert reply.status_code == 200, reply.text
    body: dict[str, Any] = reply.json()
    return body


def put(client: TestClient, csrf: dict[str, str], body: dict[str, Any], name: str = "alpha") -> Any:
    return client.put(f"{TOPICS}/{name}", json=body, headers=csrf)


ROUTES = [
    ("GET", TOPICS),
    ("POST", TOPICS),
    ("GET", f"{TOPICS}/alpha"),
    ("PUT", f"{TOPICS}/alpha"),
    ("POST", f"{TOPICS}/alpha/retire"),
    ("GET", f"{TOPICS}/alpha/versions"),
    ("GET", f"{TOPICS}/alpha/versions/1"),
    ("POST", f"{TOPICS}/alpha/versions/1/restore"),
    ("GET", f"{TOPICS}/alpha/diff?from=1&to=1"),
    ("GET", f"{TOPICS}/alpha/checks"),
    ("GET", f"{TOPICS}/alpha/preview"),
    ("GET", "/api/v1/faq/checks"),
    ("POST", "/api/v1/faq/import"),
    ("POST", "/api/v1/faq/publish"),
    ("GET", "/api/v1/faq/publish"),
    ("GET", "/api/v1/faq/publish/1"),
]


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("content_editor", True),
        ("admin", True),
        ("advisor", False),
        ("analyst", False),
        (None, False),
    ],
)
def test_only_content_editors_and_admins(
    client: TestClient, make_user: MakeUser, role: str | None, allowed: bool
) -> None:
    headers: dict[str, str] = {}
    if role is not None:
        make_user(role)
        headers = login(client, f"{role}@example.org")
    for method, path in ROUTES:
        reply = client.request(method, path, headers=headers, json={"version": 1})
        if allowed:
            assert reply.status_code not in (401, 403), (method, path, reply.text)
        else:
            assert reply.status_code == (403 if role else 401), (method, path)


def test_an_unsafe_request_needs_the_csrf_token(client: TestClient, csrf: dict[str, str]) -> None:
    body = fetch(client)
    assert client.put(f"{TOPICS}/alpha", json=body).status_code == 403


def test_get_is_the_document_and_its_version(client: TestClient, csrf: dict[str, str]) -> None:
    body = fetch(client)
    assert body["version"] == 1
    assert list(body) == [
        "topic",
        "title",
        "sources",
        "reviewed",
        "unverified",
        "related",
        "variants",
        "examples",
        "version",
    ]
    assert body["examples"]["sv"][:2] == ["alpha fråga 0", "alpha fråga 1"]
    assert client.get(f"{TOPICS}/nothing").status_code == 404


def test_put_saves_a_new_version_and_the_history_shows_it(
    client: TestClient, csrf: dict[str, str], db: Session
) -> None:
    body = fetch(client)
    body["title"]["en"] = "Better title"
    reply = put(client, csrf, body)
    assert reply.status_code == 200, reply.text
    assert reply.json()["version"] == 2 and reply.json()["title"]["en"] == "Better title"
    assert fetch(client)["version"] == 2
    history = client.get(f"{TOPICS}/alpha/versions").json()
    assert [
        (v["version"], v["state"], (v["author"] or {}).get("display_name")) for v in history
    ] == [
        (2, "draft", "Eeva Editor"),
        (1, "live", None),
    ]
    old = client.get(f"{TOPICS}/alpha/versions/1").json()
    assert (old["version"], old["title"]["en"]) == (1, "Topic alpha")
    # The assistant still answers with the live version: drafts are apart.
    assert (
        client.get("/api/v1/faq/alpha", params={"language": "en"}).json()["title"] == "Topic alpha"
    )
    entry = db.scalars(select(AuditEntry)).all()[-1]
    assert (entry.action, entry.subject) == ("faq_save", "faq_topic alpha v2")


def test_a_stale_version_is_409_with_what_changed_meanwhile(
    client: TestClient, csrf: dict[str, str]
) -> None:
    mine, theirs = fetch(client), fetch(client)
    theirs["variants"][1]["answer"]["fi"] = "Heidän muutoksensa."
    assert put(client, csrf, theirs).status_code == 200
    mine["title"]["fi"] = "Minun muutokseni"
    reply = put(client, csrf, mine)
    assert reply.status_code == 409
    detail = reply.json()["detail"]
    assert (detail["reason"], detail["version"]) == ("stale", 2)
    assert detail["changes"] == [
        {
            "where": "variants[1].answer.fi",
            "before": "Uusi sääntö.",
            "after": "Heidän muutoksensa.",
            "added": [],
            "removed": [],
        }
    ]
    assert [v["version"] for v in detail["versions"]] == [2]
    assert fetch(client)["title"]["fi"] == "Aihe alpha"


def test_an_invalid_document_is_422_with_every_reason(
    client: TestClient, csrf: dict[str, str]
) -> None:
    body = fetch(client)
    del body["title"]["sv"]
    body["reviewed"] = "yesterday"
    body["examples"]["en"] = ["", "two\nlines"]
    body["colour"] = "blue"
    reply = put(client, csrf, body)
    assert reply.status_code == 422
    detail = reply.json()["detail"]
    assert detail["reason"] == "invalid"
    found = {(f["where"], f["check"]): f for f in detail["findings"]}
    assert set(found) == {
        ("title", "schema"),
        ("reviewed", "schema"),
        ("examples", "schema"),
        ("colour", "schema"),
    }
    assert found[("title", "schema")]["what"] == "missing language: sv"
    assert found[("reviewed", "schema")]["fix"].startswith("write the date as YYYY-MM-DD")
    assert all(f["severity"] == "error" and f["fix"] for f in detail["findings"])
    no_version = fetch(client)
    del no_version["version"]
    assert put(client, csrf, no_version).json()["detail"]["findings"][0]["where"] == "version"
    assert fetch(client)["version"] == 1


def test_create_a_topic(client: TestClient, csrf: dict[str, str]) -> None:
    reply = client.post(TOPICS, json=topic("gamma"), headers=csrf)
    assert reply.status_code == 201, reply.text
    assert reply.json()["version"] == 1
    assert client.post(TOPICS, json=topic("gamma"), headers=csrf).status_code == 409
    bad = client.post(TOPICS, json=topic("Gamma Two"), headers=csrf)
    assert bad.status_code == 422 and bad.json()["detail"]["findings"][0]["where"] == "topic"
    assert client.post(TOPICS, json=topic("publish"), headers=csrf).status_code == 422


def test_restore_retire_and_diff(client: TestClient, csrf: dict[str, str]) -> None:
    body = fetch(client)
    body["examples"]["fi"].append("uusi kysymys")
    put(client, csrf, body)
    restored = client.post(f"{TOPICS}/alpha/versions/1/restore", headers=csrf)
    assert restored.status_code == 201 and restored.json()["version"] == 3
    assert "uusi kysymys" not in restored.json()["examples"]["fi"]
    stale = client.post(f"{TOPICS}/alpha/versions/2/restore", json={"version": 2}, headers=csrf)
    assert stale.status_code == 409
    assert client.post(f"{TOPICS}/alpha/versions/9/restore", headers=csrf).status_code == 404

    diff = client.get(f"{TOPICS}/alpha/diff", params={"from": 1, "to": 2}).json()
    assert diff["changes"] == [
        {
            "where": "examples.fi",
            "before": None,
            "after": None,
            "added": ["uusi kysymys"],
            "removed": [],
        }
    ]
    assert "+    - uusi kysymys\n" in diff["file_diff"]

    retired = client.post(f"{TOPICS}/beta/retire", json={"version": 1}, headers=csrf)
    assert retired.status_code == 200 and retired.json()["version"] == 2
    listed = {t["topic"]: t for t in client.get(TOPICS).json()["topics"]}
    assert (listed["beta"]["retires"], listed["beta"]["retired"], listed["beta"]["state"]) == (
        True,
        False,
        "draft",
    )


def test_the_list_with_completeness_review_and_asks(
    client: TestClient, csrf: dict[str, str], db: Session
) -> None:
    db.add(FaqTopicAsk(conversation_key="k", topic="beta", at=START))
    db.commit()
    reply = client.get(TOPICS).json()
    assert (reply["review_interval_months"], reply["asks_days"]) == (12, 30)
    alpha, beta = reply["topics"]
    assert alpha == {
        "topic": "alpha",
        "title": {"fi": "Aihe alpha", "sv": "Ämne alpha", "en": "Topic alpha"},
        "version": 1,
        "state": "live",
        "live_version": 1,
        "retired": False,
        "retires": False,
        "completeness": {
            "fi": {"examples": 15, "needed": 15, "complete": True},
            "sv": {"examples": 10, "needed": 10, "complete": True},
            "en": {"examples": 10, "needed": 10, "complete": True},
        },
        "reviewed": "2026-11-29",
        "review_due": "2027-11-29",
        "overdue": False,
        "variants": [
            {"valid_from": None, "valid_until": "2025-12-31"},
            {"valid_from": "2026-01-01", "valid_until": None},
        ],
        "asks": 0,
    }
    assert beta["asks"] == 1
    assert [
        t["topic"] for t in client.get(TOPICS, params={"q": "BETA KYSYMYS"}).json()["topics"]
    ] == ["beta"]


def test_checks_of_all_drafts_and_of_one_topic(client: TestClient, csrf: dict[str, str]) -> None:
    body = fetch(client)
    body["examples"]["sv"] = ["bara en"]
    put(client, csrf, body)
    everything = client.get("/api/v1/faq/checks").json()
    assert everything["errors"] == 1
    (error,) = [f for f in everything["findings"] if f["severity"] == "error"]
    assert (error["topic"], error["check"], error["where"]) == ("alpha", "examples", "examples.sv")
    one = client.get(f"{TOPICS}/beta/checks", params={"conflicts": "false"}).json()
    assert one == {"errors": 0, "warnings": 0, "findings": []}


def test_import_reads_the_files_back_as_drafts(
    client: TestClient, csrf: dict[str, str], settings: ApiSettings
) -> None:
    write(settings.faq_dir, topic("alpha", reviewed="2026-12-01"), topic("gamma"))
    reply = client.post("/api/v1/faq/import", headers=csrf).json()
    assert (reply["added"], reply["unchanged"], reply["live"]) == (
        ["alpha", "gamma"],
        ["beta"],
        False,
    )
    assert fetch(client)["reviewed"] == "2026-12-01" and fetch(client)["version"] == 2
    assert client.get("/api/v1/faq/alpha").json()["reviewed"] == "2026-11-29"  # until published


def test_a_preview_shows_a_draft_as_the_chat_would(
    client: TestClient, csrf: dict[str, str]
) -> None:
    body = fetch(client)
    body["variants"][1]["answer"]["sv"] = "Utkastets regel."
    put(client, csrf, body)
    params = {"language": "sv", "on": "2026-02-01"}
    draft = client.get(f"{TOPICS}/alpha/preview", params=params).json()
    assert (
        draft["text"].startswith("Utkastets regel.")
        and "Källa: https://example.org/rule" in draft["text"]
    )
    live = client.get(f"{TOPICS}/alpha/preview", params={**params, "version": 1}).json()
    assert live["text"].startswith("Ny regel.")
    old = client.get(f"{TOPICS}/alpha/preview", params={"language": "en", "on": "2025-05-01"})
    assert old.json()["text"].startswith("Old rule.")
