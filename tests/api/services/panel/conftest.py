"""Members arranged directly in the test database, for the panel's service tests."""

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from api.core.settings import ApiSettings
from api.schemas.panel import PanelJoin
from api.services.panel import membership
from tests.api.conftest import START

Join = Callable[..., None]


@pytest.fixture
def join(db: Session, settings: ApiSettings) -> Join:
    """Joins the panel as the chat would (this chat for `tg-` keys, else e-mail)."""

    def joined(
        key: str,
        interests: list[str],
        *,
        languages: list[str] | None = None,
        language: str = "fi",
        email: str | None = None,
    ) -> None:
        contact = "telegram" if key.startswith("tg-") and email is None else "email"
        body = PanelJoin.model_validate(
            {
                "consent_version": settings.panel_consent_version,
                "interests": interests,
                "languages": languages or [language],
                "contact_channel": contact,
                "email": email or (None if contact == "telegram" else f"{key}@example.org"),
                "language": language,
            }
        )
        membership.join(db, key, body, settings, now=START)

    return joined
