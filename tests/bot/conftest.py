"""The bridge against a fake Telegram Bot API server and stand-ins for Rasa and the API.

`running_bridge` runs the real Application of bot.app in the test's event loop, started the
way `run_polling` starts it (initialize, post_init, polling, start; and back).
"""

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from pydantic import SecretStr
from telegram.ext import Application

from bot.app import ALLOWED_UPDATES, build_application
from bot.bridge import Bridge
from bot.settings import BotSettings
from tests.bot.fake_telegram import TOKEN, FakeTelegram
from tests.bot.stubs import RASA_TOKEN, SERVICE_TOKEN, StubApi, StubRasa

SENDER_KEY = "test-sender-key"
PUBLIC_BASE_URL = "https://kohtaamo.example"


@pytest.fixture
def telegram() -> Iterator[FakeTelegram]:
    fake = FakeTelegram().start()
    yield fake
    fake.stop()


@pytest.fixture
def rasa() -> Iterator[StubRasa]:
    stub = StubRasa()
    stub.server.start()
    yield stub
    stub.server.stop()


@pytest.fixture
def api() -> Iterator[StubApi]:
    stub = StubApi()
    stub.server.start()
    yield stub
    stub.server.stop()


@pytest.fixture
def settings(telegram: FakeTelegram, rasa: StubRasa, api: StubApi, tmp_path: Path) -> BotSettings:
    return BotSettings(
        telegram_bot_token=SecretStr(TOKEN),
        telegram_api_base_url=telegram.base_url,
        rasa_url=rasa.url,
        rasa_token=SecretStr(RASA_TOKEN),
        api_url=api.url,
        service_token=SecretStr(SERVICE_TOKEN),
        public_base_url=PUBLIC_BASE_URL,
        sender_id_key=SecretStr(SENDER_KEY),
        telegram_chat_db=tmp_path / "telegram-chats.db",
        telegram_persistence_file=tmp_path / "telegram-persistence.pickle",
        telegram_waiting_db=tmp_path / "telegram-waiting.db",
        rasa_retry_first_seconds=0.1,
        rasa_retry_max_seconds=0.4,
        telegram_retry_first_seconds=0.05,
        telegram_retry_max_seconds=0.2,
        # Tests that poll the outbox themselves (bot.outbox) set a longer interval.
        telegram_outbox_poll_seconds=0.2,
        telegram_webhook_url="",
    )


@asynccontextmanager
async def running_bridge(settings: BotSettings) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    app = build_application(settings)
    await app.initialize()
    assert app.post_init is not None and app.post_shutdown is not None
    await app.post_init(app)
    assert app.updater is not None
    await app.updater.start_polling(
        poll_interval=0, timeout=timedelta(seconds=1), allowed_updates=ALLOWED_UPDATES
    )
    await app.start()
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        await app.post_shutdown(app)


def bridge_of(app: Application) -> Bridge:  # type: ignore[type-arg]
    bridge = app.bot_data["bridge"]
    assert isinstance(bridge, Bridge)
    return bridge
