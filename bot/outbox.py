"""Proactive messages: the bridge delivers what the API's outbox holds for Telegram chats
(an advisor's reminder; later the pulse survey) and marks each one delivered.

A message for a sender id the bridge has never seen stays queued in the API; so does one
that Telegram does not take for now (it is tried again at the next poll).
"""

import logging
from typing import Any

import httpx
from telegram import Bot
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.chats import ChatDirectory

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
