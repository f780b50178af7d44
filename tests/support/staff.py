"""An advisor account (made with the CLI, as an admin would) and meetings through the API,
against a running stack: the integration and the browser tests invite clients with these."""

import subprocess
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from tests.support.stack import APP_BIN, REPO, Stack

PASSWORD = "correct horse battery staple"


def create_user(stack: Stack, email: str, role: str, name: str) -> None:
    subprocess.run(
        [str(APP_BIN / "python"), "-m", "api.cli", "create-user", "--email", email,
         "--role", role, "--name", name, "--password-stdin"],
        input=PASSWORD.encode(), cwd=REPO, env=stack.env(), check=True, capture_output=True,
    )  # fmt: skip


def login(stack: Stack, email: str) -> httpx.Client:
    client = httpx.Client(base_url=stack.api_url, timeout=30)
    reply = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    reply.raise_for_status()
    client.headers["X-CSRF-Token"] = reply.json()["csrf_token"]
    return client


def new_meeting(advisor: httpx.Client, language: str, kind: str | None = None) -> dict[str, Any]:
    """A meeting in two days; `kind` the service step it is (the API's default if None)."""
    starts_at = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    body = {"client_ref": "asiakas-17", "starts_at": starts_at.isoformat(), "language": language}
    if kind is not None:
        body["kind"] = kind
    reply = advisor.post("/api/v1/meetings", json=body)
    assert reply.status_code == 201, reply.text
    meeting: dict[str, Any] = reply.json()
    return meeting
