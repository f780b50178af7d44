"""/api/v1/retention: the periods clients are told, from the settings that enforce them."""

from datetime import timedelta

from fastapi.testclient import TestClient

from api.core.settings import ApiSettings

URL = "/api/v1/retention"


def test_public_and_from_the_settings(client: TestClient) -> None:
    reply = client.get(URL)  # no token, no cookie
    assert reply.status_code == 200
    assert reply.json() == {"answer_retention_days": 30, "faq_topic_retention_days": 30}


def test_a_changed_setting_changes_what_is_told(client: TestClient, settings: ApiSettings) -> None:
    settings.answer_retention = timedelta(days=45)
    assert client.get(URL).json() == {"answer_retention_days": 45, "faq_topic_retention_days": 45}
