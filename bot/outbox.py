"""Proactive messages: the bridge delivers what the API's outbox holds for Telegram chats
(an advisor's reminder; later the pulse survey) and marks each one delivered.

A message for a sender id the bridge has never seen stays queued in the API; so does one
that Telegram does not take for now (it is tried again at the next poll).
"""

import asyncio
import logging
from functools import partial
from typing import Any

import httpx
from telegram import Bot
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.chats import ChatDirectory
from bot.telegram_io import Backoff, send_with_retry

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


async def deliver_once(
    outbox: OutboxClient,
    chats: ChatDirectory,
    bot: Bot,
    backoff: Backoff,
    refused: set[int] | None = None,
) -> int:
    """Sends what is waiting for known chats; the number delivered. A message Telegram
    refuses for good (the client blocked the bot, the chat is gone) is left in the outbox
    and, once in `refused`, not tried again by this process."""
    refused = set() if refused is None else refused
    delivered = 0
    for message in await outbox.pending():
        chat_id = chats.chat_of(message["conversation_key"])
        if chat_id is None or message["id"] in refused:
            continue
        try:
            await send_with_retry(partial(bot.send_message, chat_id, message["text"]), backoff)
        except (Forbidden, BadRequest) as error:
            logger.warning("Outbox message %s refused by Telegram: %s", message["id"], error)
            refused.add(message["id"])
            continue
        except TelegramError as error:  # still failing after the retries: next poll
            logger.warning("Outbox message %s not delivered yet: %s", message["id"], error)
            continue
        await outbox.delivered(message["id"])
        delivered += 1
    return delivered


async def deliver_forever(
    outbox: OutboxClient, chats: ChatDirectory, bot: Bot, backoff: Backoff, every: float
) -> None:
    """Polls the outbox every `every` seconds for the bridge's lifetime."""
    failing = False
    refused: set[int] = set()
    while True:
        try:
            await deliver_once(outbox, chats, bot, backoff, refused)
            failing = False
        except httpx.HTTPError as error:
            if not failing:  # once per streak of failures, not every few seconds
                logger.warning("Outbox: the API cannot be reached (%s)", type(error).__name__)
            failing = True
        except Exception:
            logger.exception("Outbox delivery failed")
        await asyncio.sleep(every)
