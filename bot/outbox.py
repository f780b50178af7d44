"""Proactive messages: the bridge delivers what the API's outbox holds for Telegram chats
(an advisor's reminder; later the pulse survey) and marks each one delivered. A pilot
invitation is not sent as text: it opens the invitation's dialogue in the client's
conversation (Rasa is sent `/pilot_invitation{"invitation_id": ...}` for them, and its replies
go to the chat like any others).

A message for a sender id the bridge has never seen stays queued in the API; so does one
that Telegram does not take for now (it is tried again at the next poll).
"""

import json
import logging
from collections.abc import Callable
from typing import Any

import httpx
from telegram import Bot
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.chats import ChatDirectory
from bot.relay import Pending

logger = logging.getLogger(__name__)


class OutboxClient:
    def __init__(self, client: httpx.AsyncClient, api_url: str, service_token: str) -> None:
        self.client = client
        self.url = f"{api_url.rstrip('/')}/api/v1/outbox"
        self.headers = {"Authorization": f"Bearer {service_token}"}

    async def pending(self) -> list[dict[str, Any]]:
        reply = await self.client.get(
            self.url, params={"channel": "telegram"}, headers=self.headers
        )
        reply.raise_for_status()
        messages: list[dict[str, Any]] = reply.json()
        return messages

    async def delivered(self, message_id: int) -> None:
        reply = await self.client.post(f"{self.url}/{message_id}/delivered", headers=self.headers)
        reply.raise_for_status()


class OutboxDelivery:
    """What one poll of the outbox does (bot.app runs it on the job queue, one poll at a time).

    A message Telegram refuses for good (the client blocked the bot, the chat is gone) is left
    in the outbox and not tried again by this process; a message still failing after the
    limiter's retries is tried again at the next poll. While the API cannot be reached, that
    is logged once per streak of failed polls, not every few seconds."""

    def __init__(self, outbox: OutboxClient, chats: ChatDirectory) -> None:
        self.outbox = outbox
        self.chats = chats
        self.refused: set[int] = set()
        self.failing = False
        # Queues a message for Rasa in the chat's turn (bot.relay); the Bridge sets it.
        self.to_rasa: Callable[[Pending], None] | None = None

    async def poll(self, bot: Bot) -> int:
        """Sends what is waiting for known chats; the number delivered."""
        delivered = 0
        try:
            for message in await self.outbox.pending():
                delivered += await self._deliver(bot, message)
        except httpx.HTTPError as error:
            if not self.failing:
                logger.warning("Outbox: the API cannot be reached (%s)", type(error).__name__)
            self.failing = True
            return delivered
        self.failing = False
        return delivered

    async def _deliver(self, bot: Bot, message: dict[str, Any]) -> int:
        chat_id = self.chats.chat_of(message["conversation_key"])
        if chat_id is None or message["id"] in self.refused:
            return 0
        if message.get("purpose") == "pilot_invitation":
            return await self._open_pilot_invitation(chat_id, message)
        try:
            await bot.send_message(chat_id, message["text"])
        except (Forbidden, BadRequest) as error:
            logger.warning("Outbox message %s refused by Telegram: %s", message["id"], error)
            self.refused.add(message["id"])
            return 0
        except TelegramError as error:
            logger.warning("Outbox message %s not delivered yet: %s", message["id"], error)
            return 0
        # If marking fails, the message is sent again at a later poll: at least once.
        await self.outbox.delivered(message["id"])
        return 1

    async def _open_pilot_invitation(self, chat_id: int, message: dict[str, Any]) -> int:
        """Rasa shows the invitation and asks yes or no; marked delivered once queued for Rasa
        (the relay's queue, like a client's message, does not outlive a restart)."""
        if self.to_rasa is None:
            return 0
        payload = pilot_invitation_payload(message)
        self.to_rasa(Pending(chat_id, message["conversation_key"], payload))
        await self.outbox.delivered(message["id"])
        return 1


def pilot_invitation_payload(message: dict[str, Any]) -> str:
    """What Rasa is sent for an outbox message with purpose "pilot_invitation"."""
    return "/pilot_invitation" + json.dumps({"invitation_id": message["pilot_invitation_id"]})
