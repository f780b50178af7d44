"""The bridge's state for one running Application: clients to Rasa and the API, the chat
map, button payloads, the per-chat relay and what it knows of each chat's language."""

from dataclasses import dataclass, field
from typing import Any

import httpx
from telegram import Bot, User

from bot.chats import ChatDirectory
from bot.outbox import OutboxClient
from bot.rasa_client import RasaClient, sender_id
from bot.relay import ChatRelay, Pending
from bot.settings import BotSettings
from bot.telegram_io import Backoff, ButtonPayloads, send_replies, send_with_retry
from bot.texts import Language, as_language, text


@dataclass
class Bridge:
    settings: BotSettings
    bot: Bot
    http: httpx.AsyncClient
    rasa: RasaClient
    outbox: OutboxClient
    chats: ChatDirectory
    buttons: ButtonPayloads = field(default_factory=ButtonPayloads)
    relay: ChatRelay = field(init=False)
    # The conversation's language as Rasa last said; Telegram's setting until then.
    languages: dict[int, Language] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.relay = ChatRelay(
            self.rasa,
            deliver=self._deliver,
            notify_unavailable=self._notify_unavailable,
            retry_first=self.settings.rasa_retry_first_seconds,
            retry_most=self.settings.rasa_retry_max_seconds,
        )

    @classmethod
    def create(cls, settings: BotSettings, bot: Bot) -> "Bridge":
        http = httpx.AsyncClient(timeout=settings.rasa_timeout_seconds)
        return cls(
            settings=settings,
            bot=bot,
            http=http,
            rasa=RasaClient(http, settings.rasa_url, settings.rasa_token.get_secret_value()),
            outbox=OutboxClient(http, settings.api_url, settings.service_token.get_secret_value()),
            chats=ChatDirectory(settings.telegram_chat_db),
        )

    @property
    def backoff(self) -> Backoff:
        s = self.settings
        return Backoff(
            s.telegram_send_attempts, s.telegram_retry_first_seconds, s.telegram_retry_max_seconds
        )

    def sender_of(self, user: User, chat_id: int) -> str:
        """The Rasa sender id of a Telegram user, remembered with their chat."""
        sender = sender_id(user.id, self.settings.sender_id_key.get_secret_value())
        self.chats.remember(sender, chat_id)
        if chat_id not in self.languages and (known := as_language(user.language_code)):
            self.languages[chat_id] = known
        return sender

    def submit(
        self, user: User, chat_id: int, message: str, metadata: dict[str, str] | None = None
    ) -> None:
        """Queues the client's message (or a button's or command's payload) for Rasa."""
        self.relay.submit(Pending(chat_id, self.sender_of(user, chat_id), message, metadata))

    async def say(self, chat_id: int, key: str, **values: str) -> None:
        """One of the bridge's own texts, in the chat's language when it is known."""
        message = text(key, self.languages.get(chat_id), **values)
        await send_with_retry(lambda: self.bot.send_message(chat_id, message), self.backoff)

    async def refresh_language(self, chat_id: int, sender: str) -> Language | None:
        language = await self.rasa.language(sender)
        if language is not None:
            self.languages[chat_id] = language
        return self.languages.get(chat_id)

    async def _deliver(self, message: Pending, replies: list[dict[str, Any]]) -> None:
        await send_replies(self.bot, message.chat_id, replies, self.buttons, self.backoff)
        await self.refresh_language(message.chat_id, message.sender)

    async def _notify_unavailable(self, message: Pending) -> None:
        await self.say(message.chat_id, "unavailable")

    async def close(self) -> None:
        await self.relay.close()
        await self.http.aclose()
        self.chats.close()
