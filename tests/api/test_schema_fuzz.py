"""Schemathesis against the API's own OpenAPI schema, in-process (ASGI): every operation with
generated valid and invalid input, as an admin who also holds the service token, never
answers 5xx.

The schema is the one `create_app` serves (read once, without starting the app); each
operation runs against its own app on a fresh migrated SQLite file (tests/api/conftest.py),
a few examples each, so the whole takes about a minute."""

from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from api.core.settings import ApiSettings
from api.main import create_app
from tests.api.conftest import KEYWORD_THEMES, SERVICE_HEADERS, MakeUser, login

# Schemathesis's fixture-based loader does not run under pytest 9; the schema needs no
# database, so it is read from an app that is never started.
schema = schemathesis.openapi.from_dict(
    create_app(ApiSettings(), theme_classifier=KEYWORD_THEMES).openapi()
)


@pytest.fixture
def admin(client: TestClient, make_user: MakeUser) -> dict[str, str]:
    """An admin's login (the client keeps its cookie) and the service token: the headers."""
    make_user("admin")
    return {**SERVICE_HEADERS, **login(client, "admin@example.org")}


@schema.parametrize()
@settings(max_examples=8, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_no_input_makes_the_api_answer_5xx(
    case: Any, client: TestClient, admin: dict[str, str]
) -> None:
    sent = case.as_transport_kwargs(base_url="http://testserver")
    body = sent.get("data")
    response = client.request(
        sent["method"],
        sent["url"],
        params=sent.get("params"),
        headers={**sent.get("headers", {}), **admin},
        content=body if isinstance(body, bytes | str) else None,
        json=sent.get("json"),
    )
    assert response.status_code < 500, (case.operation.label, sent, response.text[:500])
