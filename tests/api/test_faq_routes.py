from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.settings import ApiSettings
from tests.api.faq_fixtures import topic, write


@pytest.fixture
def faq_client(settings: ApiSettings, tmp_path: Path) -> Iterator[TestClient]:
    folder = write(tmp_path / "faq", topic("alpha", ["beta"]), topic("beta"))
    fixed = settings.model_copy(update={"faq_dir": folder, "today": date(2026, 11, 29)})
    transport = httpx.MockTransport(lambda request: httpx.Response(200))
    with TestClient(create_app(fixed, transport)) as client:
        yield client


def test_answer_is_the_rule_in_force_today_with_date_and_source(faq_client: TestClient) -> None:
    body = faq_client.get("/api/v1/faq/alpha", params={"language": "en"}).json()
    assert body["text"].startswith("New rule.")
    assert "This rule has applied since 1 January 2026." in body["text"]
    assert "Checked on 29 November 2026." in body["text"]
    assert "Source: https://example.org/rule" in body["text"]
    assert body["valid_from"] == "2026-01-01"
    assert [b["payload"] for b in body["buttons"]] == [
        '/faq_topic{"faq_topic": "beta"}',
        "/prepare_meeting",
    ]


def test_answer_on_an_earlier_day_is_the_old_rule(faq_client: TestClient) -> None:
    body = faq_client.get("/api/v1/faq/alpha", params={"language": "fi", "on": "2025-03-01"})
    assert body.json()["text"].startswith("Vanha sääntö.")
    assert "Lähde: https://example.org/rule" in body.json()["text"]


def test_unknown_topic_is_404(faq_client: TestClient) -> None:
    assert faq_client.get("/api/v1/faq/nothing").status_code == 404


def test_topics_are_listed_in_the_language(faq_client: TestClient) -> None:
    body = faq_client.get("/api/v1/faq", params={"language": "sv"}).json()
    assert {"topic": "beta", "title": "Ämne beta"} in body


def test_suggestions_offer_known_topics_as_buttons(faq_client: TestClient) -> None:
    reply = faq_client.get(
        "/api/v1/faq-suggestions",
        params={"topics": ["beta", "nothing", "alpha"], "language": "fi"},
    ).json()
    assert reply["text"].startswith("En ole varma")
    assert [b["title"] for b in reply["buttons"]] == ["Aihe beta", "Aihe alpha"]
