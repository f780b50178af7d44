"""Settings of the Telegram bridge, read once from environment variables (prefix-free; the
shared ones, such as RASA_URL, API_URL and SERVICE_TOKEN, mean what they mean elsewhere)."""

import hashlib
import os
import socket
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from vocabulary.deployment import check_production

REPO_ROOT = Path(__file__).resolve().parent.parent


class BotSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")

    telegram_bot_token: SecretStr
    kohtaamo_env: str = Field(
        default="development",
        description="`production`: refuse to start with a default secret (README: Production).",
    )
    telegram_api_base_url: str = Field(
        default="https://api.telegram.org/bot",
        description="python-telegram-bot's base_url; tests point it at a local fake server.",
    )
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_token: SecretStr = Field(
        default=SecretStr("local-rasa-token"),
        description="Token of Rasa's HTTP API: the bridge reads the conversation's language.",
    )
    api_url: str = Field(
        default="http://127.0.0.1:8000",
        description="The API: the outbox (reminders) and the retention periods /privacy tells.",
    )
    service_token: SecretStr = Field(
        default=SecretStr("local-service-token"), description="Bearer token for the API."
    )
    public_base_url: str = Field(
        default="http://127.0.0.1:8000",
        description="The API's URL as clients see it: /privacy links to its privacy page.",
    )
    # Keys the hash that turns a Telegram user id into a Rasa sender id.
    sender_id_key: SecretStr = SecretStr("local-sender-id-key")
    telegram_chat_db: Path = Field(
        default=REPO_ROOT / "var" / "telegram-chats.db",
        description="SQLite file of the bridge's own map from sender ids to Telegram chats.",
    )
    telegram_waiting_db: Path = Field(
        default=REPO_ROOT / "var" / "telegram-waiting.db",
        description="SQLite file of the clients' messages not yet taken by Rasa (encrypted;"
        " each deleted once Rasa has it), so that a restart or a crash loses none.",
    )
    telegram_persistence_file: Path = Field(
        default=REPO_ROOT / "var" / "telegram-persistence.pickle",
        description="python-telegram-bot's PicklePersistence: the payloads of the buttons the"
        " bridge has sent, so that a button still works after a restart. No chat or user ids.",
    )
    telegram_persistence_seconds: float = Field(
        default=5.0,
        gt=0,
        description="How often the buttons' payloads are written (only when new ones were sent).",
    )
    telegram_callback_data_maxsize: int = Field(
        default=10_000,
        description="How many of the newest keyboards' payloads are kept (python-telegram-bot's"
        " arbitrary_callback_data); an older button says that it no longer works.",
    )
    rasa_timeout_seconds: float = 30.0
    # While Rasa is down, a client's message is retried after 1, 2, 4 … up to 30 seconds.
    rasa_retry_first_seconds: float = 1.0
    rasa_retry_max_seconds: float = 30.0
    # Telegram's rate limits (honouring retry_after) and network errors: this many tries.
    telegram_send_attempts: int = Field(default=6, ge=1)
    telegram_retry_first_seconds: float = 1.0
    telegram_retry_max_seconds: float = 30.0
    telegram_outbox_poll_seconds: float = 5.0
    telegram_instance: str = Field(
        default="",
        max_length=64,
        description="This bridge's name in the outbox's claims, unique among the running"
        " bridges (empty: host and process id).",
    )
    telegram_retention_timeout_seconds: float = Field(
        default=5.0, description="How long /privacy waits for the API's retention periods."
    )
    telegram_retention_cache_seconds: float = Field(
        default=600.0, description="How long the retention periods read from the API are used."
    )
    telegram_webhook_url: str = Field(
        default="",
        description="Empty: long polling. Otherwise Telegram posts updates to this public URL.",
    )
    telegram_webhook_listen: str = "127.0.0.1"
    telegram_webhook_port: int = 8443
    telegram_webhook_secret: SecretStr | None = Field(
        default=None,
        description="Checked on every webhook request; derived from the bot token when unset.",
    )

    @property
    def webhook_path(self) -> str:
        """The path of the webhook URL, which the bridge's own web server listens on."""
        return urlsplit(self.telegram_webhook_url).path.strip("/")

    def instance_name(self) -> str:
        return self.telegram_instance or f"{socket.gethostname()}:{os.getpid()}"[:64]

    def check_production(self) -> None:
        """UnsafeForProduction when KOHTAAMO_ENV=production and a secret is a default; with a
        webhook, its secret must be set on its own (not derived from the bot token)."""
        secrets: dict[str, str | None] = {
            "RASA_TOKEN": self.rasa_token.get_secret_value(),
            "SERVICE_TOKEN": self.service_token.get_secret_value(),
            "SENDER_ID_KEY": self.sender_id_key.get_secret_value(),
        }
        if self.telegram_webhook_url:
            secret = self.telegram_webhook_secret
            secrets["TELEGRAM_WEBHOOK_SECRET"] = (
                None if secret is None else secret.get_secret_value()
            )
        check_production(self.kohtaamo_env, secrets)

    def webhook_secret(self) -> str:
        if self.telegram_webhook_secret is not None:
            return self.telegram_webhook_secret.get_secret_value()
        token = self.telegram_bot_token.get_secret_value()
        return hashlib.sha256(f"webhook:{token}".encode()).hexdigest()[:32]
