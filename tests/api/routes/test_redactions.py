import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.deps import get_redactor
from tests.api.conftest import SERVICE_HEADERS


@pytest.fixture
def app(app: FastAPI) -> FastAPI:
    """The real Presidio redactor, built by the lifespan, instead of the other tests' fake."""
    app.dependency_overrides.pop(get_redactor)
    return app


URL = "/api/v1/redactions"


def test_service_token_is_required(client: TestClient) -> None:
    body = {"items": [{"text": "moi", "language": "fi"}]}
    assert client.post(URL, json=body).status_code == 401
    wrong = {"Authorization": "Bearer guessed"}
    assert client.post(URL, json=body, headers=wrong).status_code == 401


def test_items_come_back_redacted_in_order(client: TestClient) -> None:
    items = [
        {"text": "Soita 040 123 4567", "language": "fi"},
        {"text": "olen ollut työttömänä 6 kuukautta", "language": "fi"},
        {"text": "skriv till anna.svensson@exempel.se", "language": "sv"},
        {"text": "my IBAN is FI21 1234 5600 0007 85", "language": "en"},
        {"text": "Soitin Virtaselle. Toivon, että hän vastaa", "language": "fi"},
        {"text": "", "language": "en"},
    ]
    reply = client.post(URL, json={"items": items}, headers=SERVICE_HEADERS)
    assert reply.status_code == 200
    assert reply.json() == {
        "items": [
            {"text": "Soita <PHONE>"},
            {"text": "olen ollut työttömänä 6 kuukautta"},
            {"text": "skriv till <EMAIL>"},
            {"text": "my IBAN is <IBAN>"},
            {"text": "Soitin <PERSON>. Toivon, että hän vastaa"},
            {"text": ""},
        ]
    }


def test_no_items_no_texts(client: TestClient) -> None:
    reply = client.post(URL, json={"items": []}, headers=SERVICE_HEADERS)
    assert reply.json() == {"items": []}


def test_limits_and_languages_are_checked(client: TestClient) -> None:
    def status(items: list[dict[str, str]]) -> int:
        return client.post(URL, json={"items": items}, headers=SERVICE_HEADERS).status_code

    assert status([{"text": "x" * 5000, "language": "fi"}] * 100) == 200
    assert status([{"text": "x", "language": "fi"}] * 101) == 422
    assert status([{"text": "x" * 5001, "language": "fi"}]) == 422
    assert status([{"text": "hej", "language": "de"}]) == 422
    assert status([{"text": "hej"}]) == 422
