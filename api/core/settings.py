"""Settings of the API, read once from environment variables (prefix-free, documented in README)."""

import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]
ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore")

    kohtaamo_env: str = Field(
        default="development",
        description="`production`: the API, the Telegram bridge, the Rasa launcher and the"
        " action server refuse to start with a default or short secret, with"
        ' SESSION_COOKIE_SECURE off or with Rasa\'s `--cors "*"` (README: Production).',
    )
    max_request_bytes: int = Field(
        default=2 * 1024 * 1024,
        ge=1024,
        description="Larger request bodies are refused with 413 before they are read (the"
        " largest the API takes is a batch of 100 texts to redact).",
    )
    invite_max_failures_per_channel: int = Field(
        default=100,
        ge=1,
        description="Wrong invite codes from all conversations of a channel (web, Telegram)"
        " within 15 minutes after which every code typed there is refused for a while: a"
        " guesser cannot start afresh with a new sender id.",
    )
    login_max_failures: int = Field(
        default=5,
        ge=1,
        description="Wrong passwords for one staff account within LOGIN_FAILURE_WINDOW that"
        " lock it for that period (a right password is refused too, with the same answer).",
    )
    login_failure_window: timedelta = Field(
        default=timedelta(minutes=15),
        description="The period wrong staff passwords are counted over, and the lockout's length.",
    )
    login_max_failures_per_source: int = Field(
        default=50,
        ge=1,
        description="Wrong staff logins from any accounts within LOGIN_FAILURE_WINDOW after"
        " which every login waits for the window to pass (stops spraying many accounts).",
    )

    database_url: str = Field(
        default=f"sqlite:///{REPO_ROOT / 'var' / 'api.db'}",
        description="SQLAlchemy URL of the API database; SQLite file by default.",
    )
    rasa_url: str = Field(
        default="http://127.0.0.1:5005", description="Base URL of the Rasa server."
    )
    rasa_token: SecretStr = Field(
        default=SecretStr("local-rasa-token"), description="Token of Rasa's HTTP API."
    )
    service_token: SecretStr = Field(
        default=SecretStr("local-service-token"),
        description="Shared secret the action server sends to the API.",
    )
    public_rasa_url: str = Field(
        default="http://127.0.0.1:5005",
        description="Rasa's URL as the client's browser sees it (the chat page posts there).",
    )
    embed_origins: str = Field(
        default="",
        description="Space-separated origins (https://www.example.fi) whose pages may embed the"
        " chat page with /embed.js (the CSP's frame-ancestors); empty: none but the API's own.",
    )
    health_timeout_seconds: float = 2.0
    faq_dir: Path = Field(
        default=REPO_ROOT / "data" / "faq",
        description="The FAQ topic files: imported into an empty database on the first start,"
        " rewritten from the live topics by every publish.",
    )
    review_interval: int = Field(
        default=12,
        ge=1,
        description="Months after a topic's review date that it is due for review again (the"
        " editor's list flags it, the checks warn).",
    )
    faq_asks_window: timedelta = Field(
        default=timedelta(days=30),
        description="The editor's list counts how often each topic was asked in this period;"
        " a whole number of days (the list says how many).",
    )
    embeddings_cache_dir: Path = Field(
        default=REPO_ROOT / "var" / "embeddings",
        description="Where the content checks keep the examples' sentence embeddings.",
    )
    today: date | None = Field(
        default=None, description="Fixes 'today' for dated FAQ rules (demos, tests)."
    )
    public_base_url: str = Field(
        default="http://127.0.0.1:8000",
        description="The API's URL as clients see it; invite links point to its chat page.",
    )
    telegram_bot_username: str = Field(
        default="kohtaamo_bot", description="The Telegram bot's username, for invite links."
    )
    answer_retention: timedelta = Field(
        default=timedelta(days=30),
        description="The client's answers are deleted this long after the meeting (and FAQ"
        " topics asked, wrong codes and outbox messages this long after they were made); a"
        " whole number of days, since clients are told it in days.",
    )
    missed_retention: timedelta = Field(
        default=timedelta(days=30),
        description="The messages the assistant did not understand (redacted, for the content"
        " team's list of what clients asked) are deleted this long after they came; a whole"
        " number of days.",
    )
    conversation_retention: timedelta = Field(
        default=timedelta(days=30),
        description="The conversation log (the events of Rasa's tracker store) is deleted this"
        " long after each event; a whole number of days, since clients are told it in days.",
    )
    tracker_database_url: str = Field(
        default=f"sqlite:///{REPO_ROOT / 'var' / 'rasa-tracker.db'}",
        description="SQLAlchemy URL of Rasa's SQL tracker store (endpoints*.yml): the API"
        " deletes conversation logs older than CONVERSATION_RETENTION there.",
    )
    idempotency_retention: timedelta = Field(
        default=timedelta(days=7),
        description="The stored answer of each write the action server sent with an"
        " idempotency key is deleted this long after it came; a write tried again later is"
        " done again. Longer than the action server's queue may wait for the API.",
    )
    my_data_link_validity: timedelta = Field(
        default=timedelta(minutes=10),
        description="How long the one-time link to a copy of the client's data is valid"
        " (ISO 8601 duration, whole minutes).",
    )
    retention_instance: str = Field(
        default="",
        max_length=64,
        description="This instance's name in the retention job's lease (empty: host and"
        " process id).",
    )
    outbox_claim_for: timedelta = Field(
        default=timedelta(minutes=2),
        gt=timedelta(0),
        description="How long a channel process's claim on an outbox message lasts (renewed"
        " at each of its polls): after it, another Telegram bridge may deliver a message whose"
        " bridge stopped.",
    )
    invite_valid_after_meeting: timedelta = Field(
        default=timedelta(hours=24),
        description="How long after the meeting's start an invite code still opens it.",
    )
    pulse_min_interval: timedelta = Field(
        default=timedelta(days=7),
        description="A client is offered the pulse survey unasked (after a meeting, at the end"
        " of a conversation) at most once in this period; a whole number of days.",
    )
    pulse_pending_timeout: timedelta = Field(
        default=timedelta(minutes=15),
        description="A pulse survey left unfinished becomes an answer this long after the"
        " client's last answer to it (ISO 8601 duration); until then its answers so far are"
        " kept under a keyed hash of the conversation.",
    )
    pulse_ask_key: SecretStr = Field(
        default=SecretStr("local-pulse-ask-key"),
        description="Key of the hash under which the time a client was last offered the pulse"
        " survey is kept (never the conversation key itself).",
    )
    session_lifetime: timedelta = Field(
        default=timedelta(hours=8), description="How long a staff login lasts."
    )
    panel_consent_version: str = Field(
        default="1",
        min_length=1,
        max_length=32,
        description="The version of the developer-client panel's consent text (in"
        " domain/panel.yml): the assistant shows it with the text and the member's consent is"
        " stored with it. Change it whenever the text changes.",
    )
    session_cookie_secure: bool = Field(
        default=False,
        description="Send the session cookie over HTTPS only; turn on everywhere but localhost.",
    )
    min_group: int = Field(
        default=5,
        ge=3,
        description="Small-group protection of the analytics and the panel's counts: no figure,"
        " theme or quote of fewer answers or people is shown (and no hidden figure can be"
        " recomputed from shown ones).",
    )
    analytics_theme_texts: int = Field(
        default=2000,
        ge=100,
        description="Themes are found in at most this many of the newest free texts of a kind"
        " and language in the chosen weeks (the dashboard says so).",
    )

    def production_problems(self) -> list[str]:
        """What production mode refuses, besides the secrets (see `secrets`)."""
        return [] if self.session_cookie_secure else ["SESSION_COOKIE_SECURE is off"]

    def secrets(self) -> dict[str, str]:
        return {
            "RASA_TOKEN": self.rasa_token.get_secret_value(),
            "SERVICE_TOKEN": self.service_token.get_secret_value(),
            "PULSE_ASK_KEY": self.pulse_ask_key.get_secret_value(),
        }

    @field_validator("embed_origins")
    @classmethod
    def _origins_only(cls, value: str) -> str:
        """Each entry must be a bare origin: it goes into a CSP header as it is."""
        for origin in value.split():
            if not ORIGIN.fullmatch(origin):
                raise ValueError(f"not an origin (scheme://host[:port]): {origin!r}")
        return " ".join(value.split())

    @field_validator("idempotency_retention")
    @classmethod
    def _positive(cls, value: timedelta) -> timedelta:
        if value <= timedelta(0):
            raise ValueError("must be positive")
        return value

    @field_validator("pulse_pending_timeout", "my_data_link_validity")
    @classmethod
    def _whole_minutes(cls, value: timedelta) -> timedelta:
        if value.total_seconds() % 60 or value.total_seconds() <= 0:
            raise ValueError("must be a positive whole number of minutes")
        return value

    @field_validator(
        "answer_retention",
        "conversation_retention",
        "pulse_min_interval",
        "faq_asks_window",
        "missed_retention",
    )
    @classmethod
    def _whole_days(cls, value: timedelta) -> timedelta:
        """Clients are told the period in days: any other period would be told wrong."""
        if value < timedelta(days=1) or value % timedelta(days=1):
            raise ValueError("give a whole number of days (P30D), at least one")
        return value

    @property
    def faq_topic_retention(self) -> timedelta:
        """How long the FAQ topics a conversation asked about are kept (today the answers')."""
        return self.answer_retention

    @property
    def answer_retention_days(self) -> int:
        return self.answer_retention.days

    @property
    def faq_topic_retention_days(self) -> int:
        return self.faq_topic_retention.days

    @property
    def conversation_retention_days(self) -> int:
        return self.conversation_retention.days

    @property
    def my_data_link_minutes(self) -> int:
        return int(self.my_data_link_validity.total_seconds() // 60)

    @property
    def pulse_min_interval_days(self) -> int:
        return self.pulse_min_interval.days

    @property
    def pulse_pending_minutes(self) -> int:
        """Clients are told the period in minutes: any other period would be told wrong."""
        return int(self.pulse_pending_timeout.total_seconds() // 60)

    @property
    def faq_asks_window_days(self) -> int:
        return self.faq_asks_window.days

    @property
    def missed_retention_days(self) -> int:
        return self.missed_retention.days


@lru_cache
def get_settings() -> ApiSettings:
    """The settings, built once per process (FastAPI dependency and Alembic's env.py use it)."""
    return ApiSettings()
