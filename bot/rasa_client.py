"""Talks to Rasa's REST channel (and reads the conversation's language) for Telegram users."""

import hashlib
import hmac
from typing import Any
from urllib.parse import quote

import httpx

from bot.texts import known_language
from vocabulary.channels import SENDER_PREFIXES
from vocabulary.languages import Language


def sender_id(user_id: int, key: str) -> str:
    """A keyed hash of the Telegram user id: Rasa and the API never see the raw id."""
    digest = hmac.new(key.encode(), str(user_id).encode(), hashlib.sha256).hexdigest()
    return f"{SENDER_PREFIXES['telegram']}{digest[:32]}"


class RasaUnavailable(Exception):
    """Rasa cannot be reached or answers 5xx: worth trying again later."""


class RasaClient:
    def __init__(self, client: httpx.AsyncClient, rasa_url: str, token: str = "") -> None:
        self.client = client
        self.base = rasa_url.rstrip("/")
        self.url = f"{self.base}/webhooks/rest/webhook"
        self.token = token

    async def send(
        self, sender: str, message: str, metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """Rasa's replies; RasaUnavailable when it is down, HTTPStatusError on a 4xx."""
        body = {"sender": sender, "message": message, "metadata": metadata or {}}
        try:
            reply = await self.client.post(self.url, json=body)
        except httpx.TransportError as error:
            raise RasaUnavailable(type(error).__name__) from error
        if reply.status_code >= 500:
            raise RasaUnavailable(f"HTTP {reply.status_code}")
        reply.raise_for_status()
        messages: list[dict[str, Any]] = reply.json()
        return messages

    async def language(self, sender: str) -> Language | None:
        """The conversation's `language` slot (Rasa's HTTP API), or None if unknown or down."""
        url = f"{self.base}/conversations/{quote(sender, safe='')}/tracker"
        params = {"include_events": "NONE", "token": self.token}
        try:
            reply = await self.client.get(url, params=params)
            reply.raise_for_status()
            slots = reply.json().get("slots") or {}
        except (httpx.HTTPError, ValueError, AttributeError):
            return None
        return known_language(slots.get("language"))
