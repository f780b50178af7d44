"""bot.settings: read once from the environment; the webhook's path and secret."""

import pytest
from pydantic import SecretStr

from bot.settings import REPO_ROOT, BotSettings
from vocabulary.deployment import UnsafeForProduction


def test_settings_without_a_token_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    with pytest.raises(ValueError, match="telegram_bot_token"):
        BotSettings()


def test_the_defaults_keep_the_bridges_files_under_var(monkeypatch: pytest.MonkeyPatch) -> None:
    names = ("TELEGRAM_WEBHOOK_URL", "TELEGRAM_CHAT_DB", "TELEGRAM_PERSISTENCE_FILE")
    for name in (*names, "TELEGRAM_WAITING_DB"):
        monkeypatch.delenv(name, raising=False)
    settings = BotSettings(telegram_bot_token=SecretStr("x"))
    assert settings.telegram_webhook_url == ""
    assert settings.telegram_chat_db == REPO_ROOT / "var" / "telegram-chats.db"
    assert settings.telegram_persistence_file == REPO_ROOT / "var" / "telegram-persistence.pickle"
    assert settings.telegram_waiting_db == REPO_ROOT / "var" / "telegram-waiting.db"


def test_the_webhook_secret_is_derived_from_the_token_unless_given() -> None:
    settings = BotSettings(
        telegram_bot_token=SecretStr("123:abc"),
        telegram_webhook_url="https://bot.example.org/telegram/hook",
    )
    assert settings.webhook_path == "telegram/hook"
    derived = settings.webhook_secret()
    assert len(derived) == 32 and derived != "123:abc"
    assert derived == settings.model_copy().webhook_secret()
    explicit = settings.model_copy(update={"telegram_webhook_secret": SecretStr("s3cret")})
    assert explicit.webhook_secret() == "s3cret"


def test_production_needs_every_secret_and_a_webhook_secret_of_its_own() -> None:
    strong = {
        "telegram_bot_token": "t",
        "kohtaamo_env": "production",
        "rasa_token": "r" * 32,
        "service_token": "s" * 32,
        "sender_id_key": "k" * 32,
    }
    BotSettings.model_validate(strong).check_production()
    with pytest.raises(UnsafeForProduction, match="TELEGRAM_WEBHOOK_SECRET"):
        BotSettings.model_validate(
            {**strong, "telegram_webhook_url": "https://x.example.fi/hook"}
        ).check_production()
    BotSettings.model_validate(
        {
            **strong,
            "telegram_webhook_url": "https://x.example.fi/h",
            "telegram_webhook_secret": "w" * 32,
        }
    ).check_production()
    with pytest.raises(UnsafeForProduction, match="SENDER_ID_KEY"):
        BotSettings.model_validate(
            {**strong, "sender_id_key": "local-sender-id-key"}
        ).check_production()
    BotSettings.model_validate(
        {**strong, "kohtaamo_env": "development", "rasa_token": "x"}
    ).check_production()
