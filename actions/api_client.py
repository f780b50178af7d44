"""The action server's HTTP client of the API. The session is made on first use, not at import."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import aiohttp

from actions.settings import ActionSettings, get_settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ApiReply:
    status: int | None  # None: the API could not be reached
    body: dict[str, Any] | None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def reason(self) -> str | None:
        """The API's machine-readable reason of a refusal (`{"detail": {"reason": ...}}`)."""
        detail = (self.body or {}).get("detail")
        return str(detail.get("reason")) if isinstance(detail, dict) else None


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

    async def call(self, method: str, path: str, **kwargs: Any) -> ApiReply:
        """Send a request; the status and JSON body, or status None when the API is unreachable.

        The conversation must go on when the API is down, so failures are logged, not raised.
        """
        try:
            async with self._client().request(method, path, **kwargs) as reply:
                body = await reply.json() if reply.content_type == "application/json" else None
                if reply.status >= 500:
                    logger.warning("API call %s %s failed: %s", method, path, reply.status)
                    return ApiReply(None, None)
                return ApiReply(reply.status, body if isinstance(body, dict) else None)
        except (aiohttp.ClientError, TimeoutError) as error:
            logger.warning("API call %s %s failed: %s", method, path, type(error).__name__)
            return ApiReply(None, None)

    async def request(self, method: str, path: str, **kwargs: Any) -> dict[str, Any] | None:
        """The JSON reply of a successful request, or None (unreachable, or the API said no)."""
        reply = await self.call(method, path, **kwargs)
        return reply.body if reply.ok else None

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

    # Meeting preparation: the API keys everything by the conversation (Rasa's sender id).
    def _meeting(self, conversation_key: str, tail: str = "") -> str:
        return f"/api/v1/conversations/{conversation_key}/meeting{tail}"

    async def redeem_invite(self, conversation_key: str, invite_code: str) -> ApiReply:
        return await self.call(
            "POST", self._meeting(conversation_key), json={"invite_code": invite_code}
        )

    async def client_meeting(self, conversation_key: str) -> ApiReply:
        return await self.call("GET", self._meeting(conversation_key))

    async def set_consent(self, conversation_key: str, consent: bool) -> ApiReply:
        path = self._meeting(conversation_key, "/consent")
        return await self.call("PUT", path, json={"consent": consent})

    async def store_answer(
        self, conversation_key: str, section: str, text: str, language: str, replace: bool
    ) -> ApiReply:
        body = {"section": section, "text": text, "language": language, "replace": replace}
        return await self.call("POST", self._meeting(conversation_key, "/answers"), json=body)

    async def confirm_preparation(self, conversation_key: str) -> ApiReply:
        return await self.call("POST", self._meeting(conversation_key, "/confirm"))

    async def delete_answers(self, conversation_key: str) -> ApiReply:
        return await self.call("DELETE", self._meeting(conversation_key, "/answers"))

    async def record_faq_topic(self, conversation_key: str, topic: str) -> None:
        path = f"/api/v1/conversations/{conversation_key}/faq-topics"
        await self.call("POST", path, json={"topic": topic})


@lru_cache
def get_api_client() -> ApiClient:
    return ApiClient(get_settings())
