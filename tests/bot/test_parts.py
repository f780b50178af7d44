"""The bridge's parts on their own: retries, button payloads, long texts, the command
registry, the chat map, the texts and how `python -m bot` chooses polling or a webhook."""

import re
from datetime import timedelta
from pathlib import Path
from typing import Any, cast

import pytest
from pydantic import SecretStr
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application

from bot.app import ALLOWED_UPDATES, run
from bot.chats import ChatDirectory
from bot.commands import COMMANDS, Command, privacy
from bot.settings import BotSettings
from bot.telegram_io import Backoff, ButtonPayloads, chunks, send_with_retry
from bot.texts import LANGUAGES, TEXTS, as_language, text

pytestmark = pytest.mark.anyio


class Flaky:
    """Fails with the given errors, in order, then answers 'ok'."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "ok"


class Sleeps:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


async def test_rate_limits_are_honoured_and_network_errors_backed_off() -> None:
    call, sleeps = Flaky(RetryAfter(timedelta(seconds=7)), NetworkError("x"), TimedOut()), Sleeps()
    assert await send_with_retry(call, Backoff(attempts=5, first=1, most=30), sleeps) == "ok"
    assert sleeps.waits == [7, 1, 2]


async def test_backoff_doubles_up_to_the_most() -> None:
    call, sleeps = Flaky(*[NetworkError("x") for _ in range(5)]), Sleeps()
    assert await send_with_retry(call, Backoff(attempts=6, first=1, most=4), sleeps) == "ok"
    assert sleeps.waits == [1, 2, 4, 4, 4]


async def test_it_gives_up_after_the_attempts() -> None:
    call, sleeps = Flaky(*[TimedOut() for _ in range(3)]), Sleeps()
    with pytest.raises(TimedOut):
        await send_with_retry(call, Backoff(attempts=3), sleeps)
    assert call.calls == 3


@pytest.mark.parametrize("error", [BadRequest("Message is not modified"), Forbidden("blocked")])
async def test_refusals_are_not_retried(error: Exception) -> None:
    call, sleeps = Flaky(error), Sleeps()
    with pytest.raises(type(error)):
        await send_with_retry(call, Backoff(), sleeps)
    assert (call.calls, sleeps.waits) == (1, [])


def test_short_payloads_go_as_they_are_and_long_ones_behind_a_token() -> None:
    payloads = ButtonPayloads(capacity=2)
    assert payloads.callback_data("/affirm") == "/affirm"
    assert payloads.payload("/affirm") == "/affirm"
    long = '/correct_section{"section": "questions"}' + " " * 30
    tokens = [payloads.callback_data(long + str(i)) for i in range(3)]
    assert all(t.startswith("k:") and len(t.encode()) <= 64 for t in tokens)
    assert payloads.payload(tokens[0]) is None  # the oldest is forgotten
    assert payloads.payload(tokens[2]) == long + "2"
    assert payloads.callback_data("k:looks-like-a-token") != "k:looks-like-a-token"
    finnish = "/faq_topic" + "ä" * 30  # 70 bytes in UTF-8, 40 characters
    assert payloads.callback_data(finnish).startswith("k:")


def test_long_texts_are_cut_at_lines_within_telegrams_limit() -> None:
    text_ = "\n".join(f"rivi {i} " + "x" * 90 for i in range(100))
    parts = chunks(text_)
    assert len(parts) == 3 and all(len(p) <= 4096 for p in parts)
    assert "\n".join(parts) == text_
    assert chunks("lyhyt") == ["lyhyt"]
    assert chunks("y" * 5000) == ["y" * 4096, "y" * 904]


def test_every_command_is_described_in_every_language_as_telegram_requires() -> None:
    for command in COMMANDS:
        assert re.fullmatch(r"[a-z0-9_]{1,32}", command.name)
        for language in LANGUAGES:
            assert 1 <= len(command.description[language]) <= 256
    assert len({c.name for c in COMMANDS}) == len(COMMANDS)
    assert "start" not in {c.name for c in COMMANDS}


def test_a_command_has_a_payload_or_a_reply() -> None:
    with pytest.raises(ValueError, match="either"):
        Command("both", {"fi": "", "sv": "", "en": ""}, payload="/x", reply=privacy)
    with pytest.raises(ValueError, match="either"):
        Command("neither", {"fi": "", "sv": "", "en": ""})


def test_the_privacy_text_links_the_privacy_page() -> None:
    settings = BotSettings(
        telegram_bot_token=SecretStr("x"), public_base_url="https://kohtaamo.example/"
    )
    assert privacy("en", settings).endswith("More: https://kohtaamo.example/privacy")
    both = privacy(None, settings)
    assert both.startswith("Tietosuoja lyhyesti") and "Privacy in short" in both


def test_texts_exist_in_every_language() -> None:
    for key, variants in TEXTS.items():
        assert set(variants) == set(LANGUAGES), key
    assert (
        text("text_only", "sv")
        == "Jag förstår bara text. Skriv ditt ärende som ett meddelande, tack."
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [("fi", "fi"), ("sv-FI", "sv"), ("en-GB", "en"), ("EN", "en"), ("de", None), (None, None)],
)
def test_languages_from_slots_and_telegram(value: object, expected: str | None) -> None:
    assert as_language(value) == expected


def test_the_chat_map_is_kept_in_a_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "chats.db"
    chats = ChatDirectory(path)
    chats.remember("tg-a", 101)
    chats.remember("tg-a", 102)  # the same person in another chat: the latest wins
    chats.remember("tg-b", 201)
    chats.close()
    again = ChatDirectory(path)
    assert (again.chat_of("tg-a"), again.chat_of("tg-b"), again.chat_of("tg-c")) == (102, 201, None)
    again.close()


class RecordingApplication:
    def __init__(self) -> None:
        self.ran: list[tuple[str, dict[str, Any]]] = []

    def run_polling(self, **kwargs: Any) -> None:
        self.ran.append(("polling", kwargs))

    def run_webhook(self, **kwargs: Any) -> None:
        self.ran.append(("webhook", kwargs))


def test_long_polling_by_default() -> None:
    app = RecordingApplication()
    settings = BotSettings(telegram_bot_token=SecretStr("x"), telegram_webhook_url="")
    run(cast(Application, app), settings)  # type: ignore[type-arg]
    assert app.ran == [("polling", {"allowed_updates": ALLOWED_UPDATES})]


def test_a_webhook_url_switches_to_webhook_mode() -> None:
    settings = BotSettings(
        telegram_bot_token=SecretStr("123:abc"),
        telegram_webhook_url="https://bot.example.org/telegram/hook",
        telegram_webhook_listen="0.0.0.0",  # noqa: S104 - a setting, not bound here
        telegram_webhook_port=8088,
    )
    app = RecordingApplication()
    run(cast(Application, app), settings)  # type: ignore[type-arg]
    [(mode, kwargs)] = app.ran
    assert mode == "webhook"
    assert kwargs["webhook_url"] == "https://bot.example.org/telegram/hook"
    assert kwargs["url_path"] == "telegram/hook"
    assert (kwargs["listen"], kwargs["port"]) == ("0.0.0.0", 8088)  # noqa: S104
    assert re.fullmatch(r"[0-9a-f]{32}", kwargs["secret_token"])  # derived from the token
    assert kwargs["secret_token"] != settings.telegram_bot_token.get_secret_value()
    assert kwargs["allowed_updates"] == ALLOWED_UPDATES
    explicit = settings.model_copy(update={"telegram_webhook_secret": SecretStr("s3cret")})
    assert explicit.webhook_secret() == "s3cret"
