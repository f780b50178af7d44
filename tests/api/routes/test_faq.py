"""/api/v1/faq and /api/v1/faq-suggestions: answers and topics as data."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.core.settings import ApiSettings
from api.main import create_app
from tests.api.conftest import KEYWORD_THEMES
from tests.api.faq_fixtures import topic, write


@pytest.fixture
def faq_client(settings: ApiSettings, tmp_path: Path) -> Iterator[TestClient]:
    folder = write(tmp_path / "faq", topic("alpha", ["beta"]), topic("beta"))
    fixed = settings.model_copy(update={"faq_dir": folder, "today": date(2026, 11, 29)})
    transport = httpx.MockTransport(lambda request: httpx.Response(200))
    with TestClient(create_app(fixed, transport, theme_classifier=KEYWORD_THEMES)) as client:
        yield client


def test_answer_is_the_rule_in_force_today_with_date_and_source(faq_client: TestClient) -> None:
    body = faq_client.get("/api/v1/faq/alpha", params={"language": "en"}).json()
    assert body["text"].startswith("New rule.")
    assert "This rule has applied since 1 January 2026." in body["text"]
    assert "Checked on 29 November 2026." in body["text"]
    assert "Source: https://example.org/rule" in body["text"]
    assert body["valid_from"] == "2026-01-01"
    assert body["related"] == [{"topic": "beta", "title": "Topic beta"}]
    assert body["advisor_prompt"] == "Ask your advisor"
    assert "buttons" not in body  # data, not chat payloads: the action makes the buttons


def test_answer_on_an_earlier_day_is_the_old_rule(faq_client: TestClient) -> None:
    body = faq_client.get("/api/v1/faq/alpha", params={"language": "fi", "on": "2025-03-01"})
    assert body.json()["text"].startswith("Vanha sääntö.")
    assert "Lähde: https://example.org/rule" in body.json()["text"]


def test_unknown_topic_is_404(faq_client: TestClient) -> None:
    assert faq_client.get("/api/v1/faq/nothing").status_code == 404


def test_topics_are_listed_in_the_language(faq_client: TestClient) -> None:
    body = faq_client.get("/api/v1/faq", params={"language": "sv"}).json()
    assert {"topic": "beta", "title": "Ämne beta"} in body


def test_suggestions_offer_the_known_topics(faq_client: TestClient) -> None:
    reply = faq_client.get(
        "/api/v1/faq-suggestions",
        params={"topics": ["beta", "nothing", "alpha"], "language": "fi"},
    ).json()
    assert reply == {
        "text": "En ole varma, mitä tarkoitit. Tarkoititko jotakin näistä?",
        "topics": [
            {"topic": "beta", "title": "Aihe beta"},
            {"topic": "alpha", "title": "Aihe alpha"},
        ],
    }
