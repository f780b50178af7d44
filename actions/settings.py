"""Settings of the action server, read once from environment variables."""

from functools import lru_cache
from pathlib import Path

# The rasa environment pins pydantic 1.10, whose BaseSettings reads the environment.
from pydantic import BaseSettings, SecretStr

REPO_ROOT = Path(__file__).resolve().parents[1]


class ActionSettings(BaseSettings):
    api_url: str = "http://127.0.0.1:8000"
    service_token: SecretStr = SecretStr("local-service-token")
    api_timeout_seconds: float = 5.0
    # The writes that could not reach the API wait here (actions/write_queue.py): a file of
    # this action server's own (several action servers: one each). The client's words in it
    # are not redacted yet, so they are encrypted with a key derived from WRITE_QUEUE_KEY
    # (production refuses the default).
    write_queue_path: Path = REPO_ROOT / "var" / "write-queue.db"
    write_queue_key: SecretStr = SecretStr("local-write-queue-key")
    # A queued write tried again waits initial * 2**attempt seconds (plus up to a second),
    # at most the maximum.
    write_retry_initial_seconds: float = 1.0
    write_retry_max_seconds: float = 60.0


@lru_cache
def get_settings() -> ActionSettings:
    return ActionSettings()
