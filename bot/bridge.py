"""The bridge's state for one running Application: clients to Rasa and the API, the chat
map, the outbox's delivery, the per-chat relay and what it knows of each chat's language.

(Button payloads are python-telegram-bot's arbitrary callback data, kept by the Application
and its persistence file; see bot.app.)
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from telegram import Bot, User

from bot.chats import ChatDirectory
from bot.outbox import OutboxClient, OutboxDelivery
from bot.rasa_client import RasaClient, sender_id
from bot.relay import ChatRelay, Pending
from bot.retention import RetentionClient
from bot.settings import BotSettings
from bot.telegram_io import send_replies
from bot.texts import known_language, text
from bot.waiting import WaitingStore
from vocabulary.languages import Language

# The key of Rasa's custom message after "delete my data" (actions/my_data.py FORGET_CHAT).
FORGET_CHAT = "forget_chat"


@dataclass
class Bridge:
    settings: BotSettings
    bot: Bot
    http: httpx.AsyncClient
    rasa: RasaClient
    outbox: OutboxDelivery
    retention: RetentionClient
    chats: ChatDirectory
    waiting: WaitingStore
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
            store=self.waiting,
        )
        self.outbox.open_dialogue = self._open_dialogue

    @classmethod
    def create(cls, settings: BotSettings, bot: Bot) -> "Bridge":
        http = httpx.AsyncClient(timeout=settings.rasa_timeout_seconds)
        chats = ChatDirectory(settings.telegram_chat_db)
        outbox = OutboxClient(
            http,
            settings.api_url,
            settings.service_token.get_secret_value(),
            claimant=settings.instance_name(),
        )
        return cls(
            settings=settings,
            bot=bot,
            http=http,
            rasa=RasaClient(http, settings.rasa_url, settings.rasa_token.get_secret_value()),
            outbox=OutboxDelivery(outbox, chats),
            retention=RetentionClient(
                http,
                settings.api_url,
                cache_seconds=settings.telegram_retention_cache_seconds,
                timeout_seconds=settings.telegram_retention_timeout_seconds,
            ),
            chats=chats,
            waiting=WaitingStore(
                settings.telegram_waiting_db, settings.sender_id_key.get_secret_value()
            ),
        )

    def sender_of(self, user: User, chat_id: int) -> str:
        """The Rasa sender id of a Telegram user, remembered with their chat."""
        sender = sender_id(user.id, self.settings.sender_id_key.get_secret_value())
        self.chats.remember(sender, chat_id)
        if chat_id not in self.languages and (known := known_language(user.language_code)):
            self.languages[chat_id] = known
        return sender

    def submit(
        self, user: User, chat_id: int, message: str, metadata: dict[str, str] | None = None
    ) -> None:
        """Queues the client's message (or a button's or command's payload) for Rasa."""
        self.relay.submit(Pending(chat_id, self.sender_of(user, chat_id), message, metadata))

    def _open_dialogue(
        self,
        chat_id: int,
        sender: str,
        payload: str,
        on_answered: Callable[[], Awaitable[None]],
    ) -> None:
        """An outbox message that opens a dialogue (the pulse survey): its payload goes to
        Rasa as the client's message, in turn with what the client writes."""
        self.relay.submit(Pending(chat_id, sender, payload, on_answered=on_answered))

    async def say(self, chat_id: int, key: str, **values: str) -> None:
        """One of the bridge's own texts, in the chat's language when it is known."""
        await self.bot.send_message(chat_id, text(key, self.languages.get(chat_id), **values))

    async def refresh_language(self, chat_id: int, sender: str) -> Language | None:
        language = await self.rasa.language(sender)
        if language is not None:
            self.languages[chat_id] = language
        return self.languages.get(chat_id)

    async def _deliver(self, message: Pending, replies: list[dict[str, Any]]) -> None:
        await send_replies(self.bot, message.chat_id, replies)
        if any((reply.get("custom") or {}).get(FORGET_CHAT) for reply in replies):
            # The client's data was erased (actions/my_data.py): so is this chat's record.
            self.chats.forget(message.sender)
            self.languages.pop(message.chat_id, None)
            return
        await self.refresh_language(message.chat_id, message.sender)

    async def _notify_unavailable(self, message: Pending) -> None:
        await self.say(message.chat_id, "unavailable")

    async def close(self) -> None:
        await self.relay.close()
        await self.http.aclose()
        self.chats.close()
        self.waiting.close()
