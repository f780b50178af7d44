"""An admin logged in through the staff login form, and panel members who joined in the chat
(through the action server's API, as the assistant joins them)."""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import SERVICE_HEADERS, MakeUser, ui_login

Join = Callable[..., None]


@pytest.fixture
def admin(client: TestClient, make_user: MakeUser) -> None:
    make_user("admin", name="Aada Ylläpitäjä")
    assert ui_login(client, "admin@example.org") == 303


@pytest.fixture
def join(client: TestClient) -> Join:
    """Joins the conversation `key` to the panel: this chat for `tg-` keys, else e-mail."""

    def joined(key: str, interests: list[str], **changes: Any) -> None:
        path = f"/api/v1/conversations/{key}/panel"
        status = client.get(path, headers=SERVICE_HEADERS).json()
        telegram = key.startswith("tg-")
        body = {
            "consent_version": status["consent_version"],
            "interests": interests,
            "languages": ["fi"],
            "contact_channel": "telegram" if telegram else "email",
            "email": None if telegram else f"{key}@example.org",
            "language": "fi",
            **changes,
        }
        reply = client.put(path, json=body, headers=SERVICE_HEADERS)
        assert reply.status_code == 200, reply.text

    return joined
