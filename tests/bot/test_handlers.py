"""The bridge's handlers with stand-ins for Telegram's update and context objects.
(The real library against a fake Bot API server is for the channel tests.)"""

from types import SimpleNamespace
from typing import Any

import pytest
from pydantic import SecretStr

from bot import handlers
from bot.settings import BotSettings

pytestmark = pytest.mark.anyio


class RecordingRasa:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str, dict[str, Any] | None]] = []

    async def send(
        self, sender: str, message: str, metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        self.sent.append((sender, message, metadata))
        return [{"text": "Hei!", "buttons": [{"title": "Kyllä", "payload": "/affirm"}]}]


class RecordingBot:
    def __init__(self) -> None:
        self.messages: list[tuple[int, str, Any]] = []

    async def send_message(self, chat_id: int, text: str, reply_markup: Any = None) -> None:
        self.messages.append((chat_id, text, reply_markup))


def start(args: list[str]) -> tuple[Any, Any, RecordingRasa, RecordingBot]:
    rasa, bot = RecordingRasa(), RecordingBot()
    settings = BotSettings(telegram_bot_token=SecretStr("x"), sender_id_key=SecretStr("k"))
    update = SimpleNamespace(
        effective_chat=SimpleNamespace(id=7), effective_user=SimpleNamespace(id=42)
    )
    context = SimpleNamespace(args=args, bot=bot, bot_data={"settings": settings, "rasa": rasa})
    return update, context, rasa, bot


async def test_start_with_a_code_opens_the_preparation_with_the_code_as_metadata() -> None:
    update, context, rasa, bot = start(["K7QM4TXD9RWBE"])
    await handlers.on_start(update, context)
    [(sender, message, metadata)] = rasa.sent
    assert sender.startswith("tg-") and "42" not in sender
    assert (message, metadata) == ("/start_preparation", {"invite_code": "K7QM4TXD9RWBE"})
    [(chat, text, markup)] = bot.messages
    assert (chat, text) == (7, "Hei!")
    assert markup.inline_keyboard[0][0].callback_data == "/affirm"


async def test_start_alone_greets() -> None:
    update, context, rasa, _ = start([])
    await handlers.on_start(update, context)
    assert [m for _, m, _ in rasa.sent] == ["/greet"]
