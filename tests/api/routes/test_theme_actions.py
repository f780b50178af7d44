"""/api/v1/theme-actions: analysts and admins record "we did"; clients hear it through the
action server in their language."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import SERVICE_HEADERS, MakeUser, login

MANAGE = "/api/v1/theme-actions/manage"
DONE = {
    "theme": "digital_services",
    "text_fi": "Kirjautuminen toimii nyt myös mobiilivarmenteella.",
    "text_sv": "Inloggningen fungerar nu också med mobilcertifikat.",
    "text_en": "You can now log in with a mobile certificate too.",
    "done_on": "2026-11-20",
}


@pytest.fixture
def csrf(client: TestClient, make_user: MakeUser) -> dict[str, str]:
    make_user("analyst")
    return login(client, "analyst@example.org")


def record(client: TestClient, csrf: dict[str, str], **change: str) -> dict[str, Any]:
    reply = client.post(MANAGE, json={**DONE, **change}, headers=csrf)
    assert reply.status_code == 201, reply.text
    body: dict[str, Any] = reply.json()
    return body


def test_an_analyst_records_and_a_client_hears_it(client: TestClient, csrf: dict[str, str]) -> None:
    first = record(client, csrf)
    assert first["text_sv"] == DONE["text_sv"] and first["created_by"] > 0
    record(client, csrf, theme="training", done_on="2026-11-25", text_sv="Kvällskurser")
    listed = client.get(MANAGE).json()
    assert [entry["theme"] for entry in listed] == ["training", "digital_services"]

    told = client.get("/api/v1/theme-actions", params={"language": "sv"}, headers=SERVICE_HEADERS)
    assert told.json() == [
        {"theme": "training", "text": "Kvällskurser", "done_on": "2026-11-25"},
        {"theme": "digital_services", "text": DONE["text_sv"], "done_on": "2026-11-20"},
    ]
    one = client.get(
        "/api/v1/theme-actions",
        params={"language": "en", "theme": "digital_services", "limit": 1},
        headers=SERVICE_HEADERS,
    )
    assert [entry["text"] for entry in one.json()] == [DONE["text_en"]]


def test_a_wrong_entry_is_removed(client: TestClient, csrf: dict[str, str]) -> None:
    entry = record(client, csrf)
    assert client.delete(f"{MANAGE}/{entry['id']}", headers=csrf).status_code == 204
    assert client.delete(f"{MANAGE}/{entry['id']}", headers=csrf).status_code == 404
    assert client.get(MANAGE).json() == []


@pytest.mark.parametrize(
    "change",
    [
        {"done_on": "2026-12-02"},  # tomorrow: what is done cannot be in the future
        {"theme": "coffee"},
        {"text_sv": " "},
        {"text_en": "x" * 501},
    ],
)
def test_invalid_entries_are_refused(
    client: TestClient, csrf: dict[str, str], change: dict[str, str]
) -> None:
    assert client.post(MANAGE, json={**DONE, **change}, headers=csrf).status_code == 422


def test_recording_needs_the_csrf_token(client: TestClient, csrf: dict[str, str]) -> None:
    assert client.post(MANAGE, json=DONE).status_code == 403


def test_clients_get_only_through_the_service_token(
    client: TestClient, csrf: dict[str, str]
) -> None:
    reply = client.get("/api/v1/theme-actions", params={"language": "fi"}, headers=csrf)
    assert reply.status_code == 401
    missing = client.get("/api/v1/theme-actions", headers=SERVICE_HEADERS)
    assert missing.status_code == 422  # the language is required
