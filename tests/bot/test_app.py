"""bot.app: the Application's wiring — the command menu, the outbox's job, the rate limiter,
buttons that survive a restart (the persistence file), and polling or a webhook."""

import pickle
import re
from datetime import timedelta
from typing import Any, cast

import pytest
from pydantic import SecretStr
from telegram.ext import Application, ExtBot

from bot import webhook
from bot.app import ALLOWED_UPDATES, OUTBOX_JOB, build_application, run
from bot.commands import COMMANDS
from bot.settings import BotSettings
from bot.telegram_io import TelegramLimits
from tests.bot.conftest import running_bridge
from tests.bot.fake_telegram import FakeTelegram, buttons_of
from tests.bot.stubs import StubRasa

pytestmark = pytest.mark.anyio

LONG_PAYLOAD = '/correct_section{"section": "' + "questions_and_proposals_" * 3 + '"}'


async def test_the_command_menu_is_set_from_the_registry_in_every_language(
    settings: BotSettings, telegram: FakeTelegram
) -> None:
    async with running_bridge(settings):
        await telegram.until(lambda: len(telegram.calls_of("setMyCommands")) == 4)
    menus = {
        c.params.get("language_code"): c.params["commands"]
        for c in telegram.calls_of("setMyCommands")
    }
    assert set(menus) == {None, "fi", "sv", "en"}
    names = [command.name for command in COMMANDS]
    assert names == ["language", "help", "feedback", "mydata", "delete", "privacy"]
    for menu in menus.values():
        assert [entry["command"] for entry in menu] == names
    assert menus["sv"][0]["description"] == "Byt språk"
    assert menus[None] == menus["fi"]
    assert telegram.calls_of("getMe") and telegram.calls_of("deleteWebhook")


def test_the_outbox_is_polled_by_the_job_queue_and_sending_is_rate_limited(
    settings: BotSettings,
) -> None:
    app = build_application(settings)
    assert app.job_queue is not None
    [job] = app.job_queue.get_jobs_by_name(OUTBOX_JOB)
    assert job.job.trigger.interval == timedelta(seconds=settings.telegram_outbox_poll_seconds)
    bot = cast(ExtBot[Any], app.bot)
    assert isinstance(bot.rate_limiter, TelegramLimits)
    assert bot.rate_limiter.attempts == settings.telegram_send_attempts
    assert bot.callback_data_cache is not None
    assert bot.callback_data_cache.maxsize == settings.telegram_callback_data_maxsize


async def test_a_button_sent_before_a_restart_still_works_after_it(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa
) -> None:
    rasa.canned["korjaa"] = [
        {
            "text": "Mitä haluat korjata?",
            "buttons": [{"title": "Kysymykset", "payload": LONG_PAYLOAD}],
        }
    ]
    async with running_bridge(settings):
        telegram.send_text(520, "korjaa")
        await telegram.until(lambda: len(telegram.messages_to(520)) == 1)
    [question] = telegram.messages_to(520)
    [(_, data)] = buttons_of(question)
    assert settings.telegram_persistence_file.is_file()

    # A new Application (a new process, as after a restart) from the same file.
    async with running_bridge(settings):
        telegram.press(520, question, data)
        await telegram.until(lambda: len(rasa.received) == 2)
        await telegram.until(lambda: len(telegram.messages_to(520)) == 2)
    assert rasa.messages() == ["korjaa", LONG_PAYLOAD]
    assert telegram.texts_to(520)[1] == f"echo: {LONG_PAYLOAD}"
    assert not telegram.calls_of("answerCallbackQuery")[0].params.get("text")  # no notice


async def test_the_persistence_file_keeps_only_the_buttons_payloads(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa
) -> None:
    rasa.canned["korjaa"] = [{"text": "?", "buttons": [{"title": "K", "payload": LONG_PAYLOAD}]}]
    async with running_bridge(settings):
        telegram.send_text(987654321, "korjaa")
        await telegram.until(lambda: len(telegram.messages_to(987654321)) == 1)
    with settings.telegram_persistence_file.open("rb") as file:
        stored = pickle.load(file)  # noqa: S301 - the bridge's own file, written just now
    assert not stored["user_data"] and not stored["chat_data"] and not stored["bot_data"]
    keyboards, queries = stored["callback_data"]
    assert [buttons for _, _, buttons in keyboards] == [{next(iter(keyboards[0][2])): LONG_PAYLOAD}]
    assert queries == {}
    assert b"987654321" not in settings.telegram_persistence_file.read_bytes()


class RecordingApplication:
    def __init__(self) -> None:
        self.ran: list[tuple[str, dict[str, Any]]] = []

    def run_polling(self, **kwargs: Any) -> None:
        self.ran.append(("polling", kwargs))


def test_long_polling_by_default() -> None:
    app = RecordingApplication()
    settings = BotSettings(telegram_bot_token=SecretStr("x"), telegram_webhook_url="")
    run(cast(Application, app), settings)  # type: ignore[type-arg]
    assert app.ran == [("polling", {"allowed_updates": ALLOWED_UPDATES})]


def test_a_webhook_url_switches_to_webhook_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = BotSettings(
        telegram_bot_token=SecretStr("123:abc"),
        telegram_webhook_url="https://bot.example.org/telegram/hook",
        telegram_webhook_listen="0.0.0.0",  # noqa: S104 - a setting, not bound here
        telegram_webhook_port=8088,
    )
    served: list[dict[str, Any]] = []

    async def serve(app: object, **kwargs: Any) -> None:
        served.append(kwargs)

    monkeypatch.setattr(webhook, "serve", serve)
    app = RecordingApplication()
    run(cast(Application, app), settings)  # type: ignore[type-arg]
    assert app.ran == []
    [kwargs] = served
    assert kwargs["url"] == "https://bot.example.org/telegram/hook"
    assert kwargs["path"] == "telegram/hook"
    assert (kwargs["listen"], kwargs["port"]) == ("0.0.0.0", 8088)  # noqa: S104
    assert re.fullmatch(r"[0-9a-f]{32}", kwargs["secret"])  # derived from the token
    assert kwargs["secret"] != settings.telegram_bot_token.get_secret_value()
    assert kwargs["allowed_updates"] == ALLOWED_UPDATES
