"""Settings of the Telegram bridge, read once from environment variables."""

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class BotSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")

    telegram_bot_token: SecretStr
    telegram_api_base_url: str = Field(
        default="https://api.telegram.org/bot",
        description="python-telegram-bot's base_url; tests point it at a local fake server.",
    )
    rasa_url: str = "http://127.0.0.1:5005"
    # Keys the hash that turns a Telegram user id into a Rasa sender id.
    sender_id_key: SecretStr = SecretStr("local-sender-id-key")
    rasa_timeout_seconds: float = 30.0
