"""Talks to Rasa's REST channel on behalf of Telegram users."""

import hashlib
import hmac
from typing import Any

import httpx


def sender_id(user_id: int, key: str) -> str:
    """A keyed hash of the Telegram user id: Rasa and the API never see the raw id."""
    digest = hmac.new(key.encode(), str(user_id).encode(), hashlib.sha256).hexdigest()
    return f"tg-{digest[:32]}"


class RasaClient:
    def __init__(self, client: httpx.AsyncClient, rasa_url: str) -> None:
        self.client = client
        self.url = f"{rasa_url}/webhooks/rest/webhook"

    async def send(
        self, sender: str, message: str, metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        body = {"sender": sender, "message": message, "metadata": metadata or {}}
        reply = await self.client.post(self.url, json=body)
        reply.raise_for_status()
        messages: list[dict[str, Any]] = reply.json()
        return messages
