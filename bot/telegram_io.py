"""Sending to Telegram: its rate limits, network retries, and Rasa's replies as messages with
buttons.

Every request the bot makes (except getUpdates, which the Updater retries itself) goes through
`TelegramLimits`: python-telegram-bot's AIORateLimiter throttles and, after a 429, waits as
long as Telegram's retry_after says; a network error is tried again with exponential backoff
(tenacity). A bad request or a refusal (the client blocked the bot) is never retried.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

logger = logging.getLogger(__name__)

JSONDict = dict[str, Any]  # python-telegram-bot's name for a request's or answer's JSON
MAX_TEXT = 4096  # Telegram's limit of one message


def is_network_error(error: BaseException) -> bool:
    # BadRequest is a NetworkError in python-telegram-bot, but trying again won't help.
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


def log_retry(state: RetryCallState) -> None:
    error = state.outcome.exception() if state.outcome else None
    wait = state.next_action.sleep if state.next_action else 0.0
    logger.warning("Telegram: %s; retrying in %.1f s", type(error).__name__, wait)


class TelegramLimits(AIORateLimiter):
    """At most `attempts` tries of a request: after a rate limit as long as Telegram says,
    after a network error `first` seconds, then twice that … at most `most` seconds."""

    def __init__(
        self,
        attempts: int = 6,
        first: float = 1.0,
        most: float = 30.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        super().__init__(max_retries=attempts - 1)
        self.attempts, self.first, self.most, self.sleep = attempts, first, most, sleep

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        retrying = AsyncRetrying(
            retry=retry_if_exception(is_network_error),
            stop=stop_after_attempt(self.attempts),
            wait=wait_exponential(multiplier=self.first, max=self.most),
            sleep=self.sleep,
            before_sleep=log_retry,
            reraise=True,
        )
        limited = super().process_request
        return await retrying(limited, callback, args, kwargs, endpoint, data, rate_limit_args)


def keyboard(buttons: list[dict[str, Any]]) -> InlineKeyboardMarkup:
    """The payloads ride as python-telegram-bot's arbitrary callback data: any length, kept in
    its cache (and its persistence file) behind a token Telegram carries."""
    rows = [
        [InlineKeyboardButton(str(b["title"]), callback_data=str(b["payload"]))]
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


async def send_replies(bot: Bot, chat_id: int, replies: list[dict[str, Any]]) -> None:
    """Rasa's replies in order: text (and an image's link); buttons as an inline keyboard."""
    for reply in replies:
        text = "\n".join(str(reply[k]) for k in ("text", "image") if reply.get(k))
        if not text:
            continue
        markup = keyboard(reply["buttons"]) if reply.get("buttons") else None
        parts = chunks(text)
        for index, part in enumerate(parts):
            await bot.send_message(
                chat_id, part, reply_markup=markup if index == len(parts) - 1 else None
            )


class TolerantBot(ExtBot[int]):
    """python-telegram-bot's ExtBot, but one update it cannot parse does not stop the rest.

    The Updater gets every batch from getUpdates parsed as a whole: one malformed update
    fails the batch, and since its offset is never confirmed the same batch comes again and
    again, so the bridge would answer nobody. Here each update of such a batch is parsed on
    its own; one that fails becomes a bare Update with its id (no handler takes it, and the
    offset moves past it). Only its id and the error's type are logged, never its content.
    """

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: Any = None,  # noqa: ASYNC109 - python-telegram-bot's signature
        allowed_updates: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> tuple[Update, ...]:
        try:
            return await super().get_updates(offset, limit, timeout, allowed_updates, **kwargs)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # the same batch again, now one update at a time
        data: JSONDict = {"offset": offset, "limit": limit, "timeout": 0}
        if allowed_updates is not None:
            data["allowed_updates"] = list(allowed_updates)
        raw = await self._post("getUpdates", {k: v for k, v in data.items() if v is not None})
        updates = tuple(parsed for item in raw or () if (parsed := self._one(item)) is not None)
        for update in updates:
            self.insert_callback_data(update)
        return updates

    def _one(self, item: object) -> Update | None:
        update_id = item.get("update_id") if isinstance(item, dict) else None
        if not isinstance(update_id, int):
            logger.warning("Telegram sent an update without an id: skipped")
            return None
        try:
            update = Update.de_json(item, self)  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            logger.warning(
                "Update %d could not be parsed (%s): skipped", update_id, type(error).__name__
            )
            return Update(update_id)
        return update if update is not None else Update(update_id)


def tolerant_bot(
    token: str, base_url: str, callback_data_maxsize: int, limits: "TelegramLimits"
) -> TolerantBot:
    """The bot as ApplicationBuilder would build it (its default connection pools)."""
    return TolerantBot(
        token=token,
        base_url=base_url,
        arbitrary_callback_data=callback_data_maxsize,
        request=HTTPXRequest(connection_pool_size=256),
        get_updates_request=HTTPXRequest(connection_pool_size=1),
        rate_limiter=limits,
    )
