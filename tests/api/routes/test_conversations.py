"""/api/v1/conversations: the action server records each conversation's start and language."""

from datetime import timedelta

from fastapi.testclient import TestClient

from tests.api.conftest import SERVICE_HEADERS, Clock

URL = "/api/v1/conversations/rest-abc123"


def test_service_token_is_required(client: TestClient) -> None:
    assert client.put(URL, json={"language": "fi"}).status_code == 401
    wrong = {"Authorization": "Bearer guessed"}
    assert client.put(URL, json={"language": "fi"}, headers=wrong).status_code == 401
    assert client.get(URL, headers=wrong).status_code == 401


def test_first_put_records_the_start_and_later_puts_update(client: TestClient) -> None:
    first = client.put(URL, json={"channel": "rest"}, headers=SERVICE_HEADERS)
    assert first.status_code == 201
    assert first.json()["language"] is None

    second = client.put(URL, json={"language": "sv"}, headers=SERVICE_HEADERS)
    assert second.status_code == 200
    body = second.json()
    assert (body["channel"], body["language"]) == ("rest", "sv")
    assert body["started_at"] == first.json()["started_at"]

    assert client.get(URL, headers=SERVICE_HEADERS).json()["language"] == "sv"


def test_unknown_language_is_rejected(client: TestClient) -> None:
    reply = client.put(URL, json={"language": "de"}, headers=SERVICE_HEADERS)
    assert reply.status_code == 422


def test_unknown_conversation_is_404(client: TestClient) -> None:
    assert client.get(URL, headers=SERVICE_HEADERS).status_code == 404


def test_the_times_are_the_apps_clock(client: TestClient, clock: Clock) -> None:
    first = client.put(URL, json={"channel": "rest"}, headers=SERVICE_HEADERS).json()
    clock.advance(timedelta(minutes=5))
    second = client.put(URL, json={"language": "en"}, headers=SERVICE_HEADERS).json()
    assert first["started_at"].startswith("2026-12-01T08:00:00")
    assert second["started_at"] == first["started_at"]
    assert second["updated_at"].startswith("2026-12-01T08:05:00")
