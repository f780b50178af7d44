"""The action server's HTTP client of the API. The session is made on first use, not at import."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

import aiohttp

from actions.settings import ActionSettings, get_settings

logger = logging.getLogger(__name__)


class ApiClient:
    def __init__(self, settings: ActionSettings) -> None:
        self.settings = settings
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                base_url=self.settings.api_url,
                headers={
                    "Authorization": f"Bearer {self.settings.service_token.get_secret_value()}"
                },
                timeout=aiohttp.ClientTimeout(total=self.settings.api_timeout_seconds),
            )
        return self._session

    async def request(self, method: str, path: str, **kwargs: Any) -> dict[str, Any] | None:
        """Send a request; the JSON reply, or None when the API could not be reached or said no.

        The conversation must go on when the API is down, so failures are logged, not raised.
        """
        try:
            async with self._client().request(method, path, **kwargs) as reply:
                reply.raise_for_status()
                result: dict[str, Any] = await reply.json()
                return result
        except (aiohttp.ClientError, TimeoutError) as error:
            logger.warning("API call %s %s failed: %s", method, path, type(error).__name__)
            return None

    async def faq_answer(self, topic: str, language: str) -> dict[str, Any] | None:
        return await self.request("GET", f"/api/v1/faq/{topic}", params={"language": language})

    async def faq_suggestions(self, topics: list[str], language: str) -> dict[str, Any] | None:
        params = {"topics": topics, "language": language}
        return await self.request("GET", "/api/v1/faq-suggestions", params=params)

    async def record_conversation(
        self, conversation_key: str, channel: str | None, language: str | None
    ) -> None:
        await self.request(
            "PUT",
            f"/api/v1/conversations/{conversation_key}",
            json={"channel": channel, "language": language},
        )


@lru_cache
def get_api_client() -> ApiClient:
    return ApiClient(get_settings())
