"""Production mode, and the secrets that must never be left at their local defaults in it.

`KOHTAAMO_ENV=production` makes the API, the Telegram bridge, the Rasa launcher and the action
server refuse to start while a secret is one of the defaults below (which are public: they
are in this repository), shorter than MIN_SECRET_LENGTH, or while another setting is unsafe.
"""

from collections.abc import Mapping, Sequence

PRODUCTION = "production"
MIN_SECRET_LENGTH = 16
# The local defaults of the Makefile and of the settings classes.
DEFAULT_SECRETS = frozenset(
    {
        "local-rasa-token",
        "local-service-token",
        "local-sender-id-key",
        "local-actions-token",
        "local-pulse-ask-key",
        "local-write-queue-key",
        "test-rasa-token",
        "test-service-token",
        "test-actions-token",
        "test-write-queue-key",
    }
)


def is_production(environment: str) -> bool:
    return environment.strip().lower() == PRODUCTION


def weak_secrets(secrets: Mapping[str, str | None]) -> list[str]:
    """The names (setting names, as in README) of the secrets that production refuses."""
    return [
        name
        for name, value in secrets.items()
        if value is None or value in DEFAULT_SECRETS or len(value) < MIN_SECRET_LENGTH
    ]


class UnsafeForProduction(RuntimeError):
    """Raised at start-up in production mode; the message names the settings, never values."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("refusing to start with KOHTAAMO_ENV=production: " + "; ".join(problems))
        self.problems = problems


def check_production(
    environment: str,
    secrets: Mapping[str, str | None],
    other_problems: Sequence[str] = (),
) -> None:
    """Raise UnsafeForProduction in production mode if anything is unsafe; else nothing."""
    if not is_production(environment):
        return
    problems = [f"{name} is a default or too short" for name in weak_secrets(secrets)]
    problems += list(other_problems)
    if problems:
        raise UnsafeForProduction(problems)
