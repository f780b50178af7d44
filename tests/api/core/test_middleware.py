"""The body limit and the security headers, through the whole app."""

from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.core.middleware import API_POLICY, STAFF_POLICY, policy_for
from api.core.settings import ApiSettings
from api.main import create_app
from api.orm import Meeting
from tests.api.conftest import KEYWORD_THEMES, SERVICE_HEADERS, Clock, rasa_up

LIMIT = 4096


@pytest.fixture
def small(settings: ApiSettings, clock: Clock) -> Iterator[TestClient]:
    limited = settings.model_copy(update={"max_request_bytes": LIMIT})
    app: FastAPI = create_app(limited, httpx.MockTransport(rasa_up), clock, KEYWORD_THEMES)
    with TestClient(app) as client:
        yield client


def test_a_body_over_the_limit_is_a_413_before_anything_is_parsed(
    small: TestClient, db: Session
) -> None:
    body = b'{"text": "' + b"x" * LIMIT + b'"}'
    reply = small.post("/api/v1/redactions", content=body, headers=SERVICE_HEADERS)
    assert reply.status_code == 413
    assert reply.json() == {"detail": f"request body larger than {LIMIT} bytes"}
    assert db.scalar(select(func.count()).select_from(Meeting)) == 0


def test_a_chunked_body_over_the_limit_is_a_413(small: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"x" * 1000

    reply = small.post("/api/v1/redactions", content=chunks(), headers=SERVICE_HEADERS)
    assert reply.status_code == 413


def test_a_bad_content_length_is_a_413(small: TestClient) -> None:
    reply = small.post(
        "/api/v1/redactions", content=b"{}", headers={**SERVICE_HEADERS, "Content-Length": "-1"}
    )
    assert reply.status_code in (400, 413)


def test_a_body_under_the_limit_passes(small: TestClient) -> None:
    body = {"items": [{"text": "moi", "language": "fi"}]}
    reply = small.post("/api/v1/redactions", json=body, headers=SERVICE_HEADERS)
    assert reply.status_code == 200, reply.text


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/v1/auth/me", API_POLICY),
        ("/health", API_POLICY),
        ("/advisor/login", STAFF_POLICY),
        ("/analyst", STAFF_POLICY),
        ("/no-such-page", API_POLICY),
    ],
)
def test_every_response_gets_its_security_headers_from_one_place(
    client: TestClient, path: str, expected: str
) -> None:
    reply = client.get(path, follow_redirects=False)
    assert reply.headers["content-security-policy"] == expected
    assert reply.headers["referrer-policy"] == "no-referrer"
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert "strict-transport-security" not in reply.headers  # plain HTTP
    if path.startswith(("/advisor", "/analyst")):
        assert reply.headers["cache-control"] == "no-store"
        assert "frame-ancestors 'none'" in reply.headers["content-security-policy"]


def test_the_chat_page_may_be_framed_by_the_configured_sites(settings: ApiSettings) -> None:
    framed = settings.model_copy(update={"embed_origins": "https://www.example.fi"})
    assert "frame-ancestors 'self' https://www.example.fi" in str(policy_for("/", framed))
    assert "script-src 'none'" in str(policy_for("/privacy", framed))
    assert policy_for("/docs", framed) is None


def test_hsts_when_the_request_came_over_https(app: FastAPI) -> None:
    with TestClient(app, base_url="https://kohtaamo.example.fi") as client:
        reply = client.get("/health")
    assert reply.headers["strict-transport-security"].startswith("max-age=31536000")
