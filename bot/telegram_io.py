"""Sending to Telegram: retries with backoff, and Rasa's replies as messages with buttons."""

import asyncio
import logging
import secrets
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any, TypeVar

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

logger = logging.getLogger(__name__)
T = TypeVar("T")

MAX_TEXT = 4096  # Telegram's limit of one message
MAX_CALLBACK_DATA = 64  # bytes


@dataclass(frozen=True)
class Backoff:
    """Tries at most `attempts` times, waiting `first`, then twice that … at most `most` s."""

    attempts: int = 6
    first: float = 1.0
    most: float = 30.0


def retry_after_seconds(error: RetryAfter) -> float:
    """A timedelta (bot/__init__.py opts in to python-telegram-bot's next major's types)."""
    value: int | timedelta = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def send_with_retry(
    call: Callable[[], Awaitable[T]],
    backoff: Backoff = Backoff(),
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> T:
    """`call()`, again after Telegram's rate limit (as long as it says) or a network error
    (with exponential backoff). A bad request is not retried; the last error is raised."""
    delay = backoff.first
    for attempt in range(1, backoff.attempts + 1):
        try:
            return await call()
        except BadRequest:  # a NetworkError in python-telegram-bot, but trying again won't help
            raise
        except RetryAfter as error:
            if attempt == backoff.attempts:
                raise
            wait = retry_after_seconds(error)
        except (TimedOut, NetworkError) as error:
            if attempt == backoff.attempts:
                raise
            wait, delay = delay, min(delay * 2, backoff.most)
            logger.warning("Telegram: %s; retrying in %.1f s", type(error).__name__, wait)
        await sleep(wait)
    raise AssertionError("unreachable")


class ButtonPayloads:
    """Telegram's callback_data holds 64 bytes; Rasa's payloads can be longer
    (`/faq_topic{"faq_topic": "..."}`). A payload that fits is sent as it is; a longer one
    gets a short random token, remembered here for the `capacity` newest."""

    PREFIX = "k:"

    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._payloads: OrderedDict[str, str] = OrderedDict()

    def callback_data(self, payload: str) -> str:
        fits = len(payload.encode()) <= MAX_CALLBACK_DATA
        if fits and not payload.startswith(self.PREFIX):
            return payload
        token = self.PREFIX + secrets.token_urlsafe(12)
        self._payloads[token] = payload
        while len(self._payloads) > self.capacity:
            self._payloads.popitem(last=False)
        return token

    def payload(self, data: str) -> str | None:
        """The payload of a pressed button; None when its token is forgotten."""
        if not data.startswith(self.PREFIX):
            return data
        payload = self._payloads.get(data)
        if payload is not None:
            self._payloads.move_to_end(data)
        return payload


def keyboard(buttons: list[dict[str, Any]], payloads: ButtonPayloads) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(str(b["title"]), callback_data=payloads.callback_data(b["payload"]))]
        for b in buttons
        if b.get("title") and b.get("payload")
    ]
    return InlineKeyboardMarkup(rows)


def chunks(text: str, size: int = MAX_TEXT) -> list[str]:
    """Telegram's messages hold 4096 characters: longer ones are cut, at a line if possible."""
    parts = []
    while len(text) > size:
        cut = text.rfind("\n", 0, size)
        cut = cut if cut > 0 else size
        parts.append(text[:cut])
        text = text[cut:].lstrip("\n")
    return [*parts, text]


async def send_replies(
    bot: Bot,
    chat_id: int,
    replies: list[dict[str, Any]],
    payloads: ButtonPayloads,
    backoff: Backoff,
) -> None:
    """Rasa's replies in order: text (and an image's link); buttons as an inline keyboard."""
    for reply in replies:
        text = "\n".join(str(reply[k]) for k in ("text", "image") if reply.get(k))
        if not text:
            continue
        markup = keyboard(reply["buttons"], payloads) if reply.get("buttons") else None
        parts = chunks(text)
        for index, part in enumerate(parts):
            on_last = markup if index == len(parts) - 1 else None
            send = partial(bot.send_message, chat_id, part, reply_markup=on_last)
            await send_with_retry(send, backoff)
