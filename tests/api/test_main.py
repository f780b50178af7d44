"""The app as `create_app` wires it: the docs, the routers, the answers to refusals and to
logins that may not do something."""

from pathlib import Path
from typing import get_args

import pytest
from fastapi.testclient import TestClient

from api.core.settings import ApiSettings
from api.main import REFUSAL_STATUS, create_app
from api.services.errors import Reason
from api.services.faq.content import ContentError
from tests.api.faq_fixtures import topic, write
from vocabulary.deployment import UnsafeForProduction


def test_openapi_docs_are_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert "/health" in paths
    assert "/api/v1/conversations/{conversation_key}" in paths
    assert "/api/v1/retention" in paths
    assert all(path.startswith(("/api/v1/", "/health")) for path in paths)  # no pages


def test_every_refusal_reason_has_a_status_code() -> None:
    assert set(REFUSAL_STATUS) == set(get_args(Reason))
    assert {REFUSAL_STATUS[r] for r in ("invalid", "expired", "used", "none")} == {404}
    assert REFUSAL_STATUS["rate_limited"] == 429
    assert {REFUSAL_STATUS[r] for r in ("no_consent", "closed", "not_opened")} == {409}


def test_the_api_answers_access_errors_with_json(client: TestClient) -> None:
    reply = client.get("/api/v1/meetings")
    assert (reply.status_code, reply.json()) == (401, {"detail": "login required"})


def test_the_advisor_pages_answer_access_errors_with_the_login_form(client: TestClient) -> None:
    reply = client.get("/advisor/meetings/new", follow_redirects=False)
    assert (reply.status_code, reply.headers["location"]) == (303, "/advisor/login")
    assert reply.headers["cache-control"] == "no-store"


def test_the_openapi_schema_states_the_contract_the_other_processes_code_against(
    client: TestClient,
) -> None:
    schema = client.get("/openapi.json").json()
    paths, models = schema["paths"], schema["components"]["schemas"]
    meeting = "/api/v1/conversations/{conversation_key}/meeting"
    assert set(paths[f"{meeting}/preparation"]) == {"delete"}
    assert "delete" not in paths[f"{meeting}/answers"]
    assert "answer_retention_days" in models["ClientMeeting"]["required"]
    answer = models["FaqAnswerOut"]["properties"]
    assert {"related", "advisor_prompt"} <= set(answer) and "buttons" not in answer
    assert set(models["FaqSuggestionsOut"]["properties"]) == {"text", "topics"}
    assert set(models["RetentionOut"]["required"]) == {
        "answer_retention_days",
        "faq_topic_retention_days",
    }
    assert models["Sections"]["required"] == [
        "situation",
        "topics",
        "goals",
        "concerns",
        "proposals",
        "questions",
    ]


def test_the_first_start_imports_the_faq_and_refuses_broken_files(
    settings: ApiSettings, tmp_path: Path
) -> None:
    broken = settings.model_copy(
        update={"faq_dir": write(tmp_path / "broken", topic("alpha", ["gone"]))}
    )
    with pytest.raises(ContentError, match="'gone' does not exist"), TestClient(create_app(broken)):
        pass
    with TestClient(create_app(settings)) as client:  # the fixture's good files
        assert [t["topic"] for t in client.get("/api/v1/faq").json()] == ["alpha", "beta"]


STRONG = {
    "rasa_token": "r" * 32,
    "service_token": "s" * 32,
    "pulse_ask_key": "p" * 32,
    "session_cookie_secure": True,
}


def test_production_mode_starts_with_strong_secrets_and_secure_cookies(
    settings: ApiSettings,
) -> None:
    production = settings.model_copy(update={"kohtaamo_env": "production", **STRONG})
    app = create_app(production.model_validate(production.model_dump()))
    assert app.docs_url is None and app.redoc_url is None


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"rasa_token": "local-rasa-token"}, "RASA_TOKEN"),
        ({"service_token": "tiny-secret"}, "SERVICE_TOKEN"),
        ({"pulse_ask_key": "local-pulse-ask-key"}, "PULSE_ASK_KEY"),
        ({"session_cookie_secure": False}, "SESSION_COOKIE_SECURE"),
    ],
)
def test_production_mode_refuses_a_default_secret_or_insecure_cookies(
    settings: ApiSettings, change: dict[str, object], named: str
) -> None:
    unsafe = ApiSettings.model_validate(
        {**settings.model_dump(), "kohtaamo_env": "production", **STRONG, **change}
    )
    with pytest.raises(UnsafeForProduction, match=named) as refused:
        create_app(unsafe)
    for value in change.values():  # names only, never a secret
        assert not isinstance(value, str) or value not in str(refused.value)
    create_app(unsafe.model_copy(update={"kohtaamo_env": "development"}))
