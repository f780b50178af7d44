from fastapi.testclient import TestClient

from tests.api.conftest import SERVICE_HEADERS

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
