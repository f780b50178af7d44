"""bot.telegram_io: Telegram's rate limits and network retries, keyboards, long texts."""

import time
from datetime import timedelta
from typing import Any

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.settings import BotSettings
from bot.telegram_io import TelegramLimits, chunks, keyboard
from tests.bot.conftest import running_bridge
from tests.bot.fake_telegram import FakeTelegram

pytestmark = pytest.mark.anyio


class Flaky:
    """A request that fails with the given errors, in order, then answers True."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self, *args: Any, **kwargs: Any) -> bool:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return True


class Sleeps:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


async def request(limits: TelegramLimits, call: Flaky) -> Any:
    """One sendMessage as python-telegram-bot's ExtBot passes it to its rate limiter."""
    return await limits.process_request(
        callback=call,
        args=(),
        kwargs={},
        endpoint="sendMessage",
        data={"chat_id": 501, "text": "hei"},
        rate_limit_args=None,
    )


async def test_network_errors_are_backed_off_doubling_up_to_the_most() -> None:
    call, sleeps = Flaky(*[NetworkError("x") for _ in range(4)], TimedOut()), Sleeps()
    assert await request(TelegramLimits(attempts=6, first=1, most=4, sleep=sleeps), call) is True
    assert sleeps.waits == [1, 2, 4, 4, 4]


async def test_it_gives_up_after_the_attempts() -> None:
    call, sleeps = Flaky(*[TimedOut() for _ in range(3)]), Sleeps()
    with pytest.raises(TimedOut):
        await request(TelegramLimits(attempts=3, sleep=sleeps), call)
    assert call.calls == 3


@pytest.mark.parametrize("error", [BadRequest("Message is not modified"), Forbidden("blocked")])
async def test_refusals_are_not_retried(error: Exception) -> None:
    call, sleeps = Flaky(error), Sleeps()
    with pytest.raises(type(error)):
        await request(TelegramLimits(sleep=sleeps), call)
    assert (call.calls, sleeps.waits) == (1, [])


async def test_a_rate_limit_is_retried_by_python_telegram_bots_limiter() -> None:
    call, sleeps = Flaky(RetryAfter(timedelta(0)), NetworkError("x")), Sleeps()
    assert await request(TelegramLimits(attempts=3, first=1, sleep=sleeps), call) is True
    assert call.calls == 3
    assert sleeps.waits == [1]  # the limiter itself waited retry_after (+0.1 s)


async def test_telegram_rate_limits_and_network_errors_are_retried_as_it_runs(
    settings: BotSettings, telegram: FakeTelegram
) -> None:
    telegram.fail_next("sendMessage", status=429, retry_after=1)
    telegram.fail_next("sendMessage", status=502)
    async with running_bridge(settings):
        started = time.monotonic()
        telegram.send_text(508, "hei")
        await telegram.until(lambda: len(telegram.messages_to(508)) == 1)
        waited = time.monotonic() - started
    assert [c.status for c in telegram.calls_of("sendMessage")] == [429, 502, 200]
    assert waited >= 1.0  # retry_after was honoured


def test_buttons_carry_their_payloads_as_they_are() -> None:
    long = '/faq_topic{"faq_topic": "' + "työnhakuvelvollisuus_" * 3 + '"}'
    markup = keyboard(
        [
            {"title": "Kyllä", "payload": "/affirm"},
            {"title": "Aihe", "payload": long},
            {"title": "", "payload": "/deny"},  # no title: not shown
        ]
    )
    assert [[(b.text, b.callback_data) for b in row] for row in markup.inline_keyboard] == [
        [("Kyllä", "/affirm")],
        [("Aihe", long)],
    ]


def test_long_texts_are_cut_at_lines_within_telegrams_limit() -> None:
    text_ = "\n".join(f"rivi {i} " + "x" * 90 for i in range(100))
    parts = chunks(text_)
    assert len(parts) == 3 and all(len(p) <= 4096 for p in parts)
    assert "\n".join(parts) == text_
    assert chunks("lyhyt") == ["lyhyt"]
    assert chunks("y" * 5000) == ["y" * 4096, "y" * 904]
