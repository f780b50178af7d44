"""The Telegram bridge against the fake Bot API, for the integration tests: starting it as
`make run` does, and a client's taps and waits."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.bot.fake_telegram import TOKEN, FakeTelegram, buttons_of
from tests.support.stack import Stack

MENUS = 4  # setMyCommands calls of one start of the bridge: default, fi, sv, en


def start_bridge(stack: Stack, fake: FakeTelegram) -> None:
    """`python -m bot` as `make run` starts it; waits until it has set its command menu."""
    started = len(fake.calls_of("setMyCommands"))
    stack.start_telegram(
        fake.base_url,
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "SENDER_ID_KEY": "integration-sender-key",
            "RASA_RETRY_FIRST_SECONDS": "0.5",
            "RASA_RETRY_MAX_SECONDS": "2",
            "TELEGRAM_OUTBOX_POLL_SECONDS": "0.5",
        },
    )
    fake.wait_until(
        lambda: len(fake.calls_of("setMyCommands")) == started + MENUS, 60, "the bridge"
    )


@contextmanager
def running_bridge(stack: Stack) -> Iterator[FakeTelegram]:
    """The fake Bot API and the bridge polling it, stopped at the end."""
    fake = FakeTelegram().start()
    try:
        start_bridge(stack, fake)
        yield fake
    finally:
        stack.stop_process("telegram")
        fake.stop()


def last_with_buttons(telegram: FakeTelegram, chat_id: int) -> dict[str, Any]:
    return [m for m in telegram.messages_to(chat_id) if buttons_of(m)][-1]


def press(
    telegram: FakeTelegram, chat_id: int, title: str, message: dict[str, Any] | None = None
) -> None:
    """Presses the button titled `title`, as a client does, on the latest keyboard (or on
    `message`). The button's data is python-telegram-bot's token for its payload."""
    message = message or last_with_buttons(telegram, chat_id)
    [data] = [data for shown, data in buttons_of(message) if shown == title]
    telegram.press(chat_id, message, data)


def wait_for_text(
    telegram: FakeTelegram, chat_id: int, words: str, timeout: float = 60, after: int = 0
) -> str:
    """The first text to `chat_id` holding `words`, among those after the first `after`."""
    telegram.wait_until(
        lambda: any(words in text for text in telegram.texts_to(chat_id)[after:]),
        timeout,
        repr(words),
    )
    return next(text for text in telegram.texts_to(chat_id)[after:] if words in text)
