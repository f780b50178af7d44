"""Settings of the action server, read once from environment variables."""

from functools import lru_cache

# The rasa environment pins pydantic 1.10, whose BaseSettings reads the environment.
from pydantic import BaseSettings, SecretStr


class ActionSettings(BaseSettings):
    api_url: str = "http://127.0.0.1:8000"
    service_token: SecretStr = SecretStr("local-service-token")
    api_timeout_seconds: float = 5.0


@lru_cache
def get_settings() -> ActionSettings:
    return ActionSettings()
