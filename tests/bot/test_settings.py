"""bot.settings: read once from the environment; the webhook's path and secret."""

import pytest
from pydantic import SecretStr

from bot.settings import REPO_ROOT, BotSettings


def test_settings_without_a_token_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    with pytest.raises(ValueError, match="telegram_bot_token"):
        BotSettings()


def test_the_defaults_keep_the_bridges_files_under_var(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TELEGRAM_WEBHOOK_URL", "TELEGRAM_CHAT_DB", "TELEGRAM_PERSISTENCE_FILE"):
        monkeypatch.delenv(name, raising=False)
    settings = BotSettings(telegram_bot_token=SecretStr("x"))
    assert settings.telegram_webhook_url == ""
    assert settings.telegram_chat_db == REPO_ROOT / "var" / "telegram-chats.db"
    assert settings.telegram_persistence_file == REPO_ROOT / "var" / "telegram-persistence.pickle"


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
