"""Arranging meetings for the client-side and summary tests."""

from datetime import datetime, timedelta

from fastapi.testclient import TestClient

from tests.api.conftest import SERVICE_HEADERS, START


def conversation(key: str) -> str:
    return f"/api/v1/conversations/{key}"


def create_meeting(
    client: TestClient,
    csrf: dict[str, str],
    *,
    ref: str = "asiakas-7",
    starts_at: datetime = START + timedelta(days=2),
    language: str = "fi",
) -> dict[str, str]:
    body = {"client_ref": ref, "starts_at": starts_at.isoformat(), "language": language}
    reply = client.post("/api/v1/meetings", json=body, headers=csrf)
    assert reply.status_code == 201, reply.text
    created: dict[str, str] = reply.json()
    return created


def redeem(client: TestClient, key: str, code: str) -> tuple[int, dict[str, object]]:
    reply = client.post(
        f"{conversation(key)}/meeting", json={"invite_code": code}, headers=SERVICE_HEADERS
    )
    body: dict[str, object] = reply.json()
    return reply.status_code, body


def consent(client: TestClient, key: str, value: bool) -> dict[str, object]:
    reply = client.put(
        f"{conversation(key)}/meeting/consent", json={"consent": value}, headers=SERVICE_HEADERS
    )
    assert reply.status_code == 200, reply.text
    body: dict[str, object] = reply.json()
    return body


def answer(
    client: TestClient, key: str, section: str, text: str, replace: bool = False
) -> tuple[int, dict[str, object]]:
    body = {"section": section, "text": text, "language": "fi", "replace": replace}
    reply = client.post(f"{conversation(key)}/meeting/answers", json=body, headers=SERVICE_HEADERS)
    result: dict[str, object] = reply.json()
    return reply.status_code, result
