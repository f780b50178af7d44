"""python -m deploy: the processes it runs, what it says, and production mode's refusal before
anything starts."""

import pytest

from deploy.__main__ import banner, check_secrets, processes, shown
from deploy.settings import DeploySettings
from vocabulary.deployment import UnsafeForProduction


def test_numbered_instances_then_one_of_each_other_process() -> None:
    settings = DeploySettings(api_instances=3)
    assert processes(settings, telegram=False) == [
        "rasa=2", "actions=2", "api=3", "haproxy", "publisher", "ready",
    ]  # fmt: skip
    assert processes(settings, telegram=True)[-1] == "telegram"


def test_development_mode_says_so_and_where_to_go() -> None:
    said = banner(DeploySettings(), telegram=False)
    assert "DEVELOPMENT MODE" in said and "KOHTAAMO_ENV=production" in said
    assert "http://127.0.0.1:8000/advisor" in said and "http://127.0.0.1:8404/" in said
    assert "http://127.0.0.1:5101, http://127.0.0.1:5102" in said
    assert "DEVELOPMENT" not in banner(DeploySettings(kohtaamo_env="production"), False)


def test_production_mode_refuses_the_default_secrets_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KOHTAAMO_ENV", "production")
    for name in ("RASA_TOKEN", "SERVICE_TOKEN", "PULSE_ASK_KEY", "SESSION_COOKIE_SECURE"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(UnsafeForProduction, match="RASA_TOKEN is a default"):
        check_secrets(DeploySettings())
    check_secrets(DeploySettings(kohtaamo_env="development"))  # nothing to refuse


def test_config_prints_no_password() -> None:
    url = "postgresql+psycopg://rasa:s3cret@db.example/kohtaamo"
    assert "s3cret" not in shown("DATABASE_URL", url) and "db.example" in shown("DATABASE_URL", url)
    assert shown("TRACKER_DB_PASSWORD", "s3cret") == "***"
    assert shown("TRACKER_DB_PASSWORD", "") == ""
