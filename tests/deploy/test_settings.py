"""deploy.settings: where each instance listens, and the environment the processes get (the
neighbours through HAProxy, the training worker to each Rasa server itself)."""

import pytest
from pydantic import ValidationError

from deploy.settings import DeploySettings

TRACKER = "postgresql+psycopg://rasa:s3cret@db.example:5433/kohtaamo_tracker"


def test_instances_listen_on_their_base_plus_their_number() -> None:
    settings = DeploySettings(rasa_instances=3, api_instance_port_base=9000)
    assert settings.instance_ports("rasa") == [5101, 5102, 5103]
    assert settings.instance_ports("actions") == [5151, 5152]
    assert settings.instance_ports("api") == [9001, 9002]
    assert settings.rasa_urls() == [f"http://127.0.0.1:{p}" for p in (5101, 5102, 5103)]


def test_the_processes_reach_each_other_through_haproxy() -> None:
    environment = DeploySettings(tracker_database_url=TRACKER, haproxy_bind="0.0.0.0").environment()  # noqa: S104
    assert environment["ACTION_ENDPOINT_URL"] == "http://127.0.0.1:5055/webhook"
    assert environment["API_URL"] == "http://127.0.0.1:8000"
    assert environment["RASA_URL"] == "http://127.0.0.1:5005"
    # The training worker swaps a model into every server itself.
    assert environment["RASA_URLS"] == "http://127.0.0.1:5101,http://127.0.0.1:5102"
    assert environment["RASA_ENDPOINTS"] == "endpoints.production.yml"
    tracker = {k: v for k, v in environment.items() if k.startswith("TRACKER_DB_")}
    assert tracker == {
        "TRACKER_DB_HOST": "db.example",
        "TRACKER_DB_PORT": "5433",
        "TRACKER_DB_NAME": "kohtaamo_tracker",
        "TRACKER_DB_USER": "rasa",
        "TRACKER_DB_PASSWORD": "s3cret",
    }
    assert environment["TRACKER_DATABASE_URL"] == TRACKER  # the API's retention job
    assert environment["REDIS_LOCK_PREFIX"] == "kohtaamo"


def test_several_instances_cannot_share_sqlite_files() -> None:
    with pytest.raises(ValidationError, match="needs PostgreSQL"):
        DeploySettings(database_url="sqlite:///var/api.db")
    with pytest.raises(ValidationError, match="redis_lock_prefix"):
        DeploySettings(redis_lock_prefix="kohtaamo:test")  # Rasa would ignore it
