"""Wiring of the Telegram bridge, all in one place: the Application with python-telegram-bot's
own tools (arbitrary callback data kept in a PicklePersistence file, the rate limiter, the
job queue), its handlers, its command menu, the outbox's job, and how it runs (long polling,
or a webhook)."""

import asyncio
import logging

from telegram import BotCommand, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    InvalidCallbackData,
    MessageHandler,
    PersistenceInput,
    PicklePersistence,
    filters,
)

from bot import handlers, webhook
from bot.bridge import Bridge
from bot.commands import COMMANDS
from bot.settings import BotSettings
from bot.telegram_io import TelegramLimits, tolerant_bot
from vocabulary.languages import DEFAULT_LANGUAGE, LANGUAGES

logger = logging.getLogger(__name__)

# Only what the bridge handles: no edited messages, channel posts, inline queries …
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
OUTBOX_JOB = "outbox"
# Only the buttons' payloads are kept across restarts; nothing about clients or chats. The
# file is written when the Application stops and, when buttons were sent, every
# TELEGRAM_PERSISTENCE_SECONDS (PicklePersistence's update_interval): a crash forgets at most
# the buttons of those last seconds.
KEEP_CALLBACK_DATA_ONLY = PersistenceInput(
    bot_data=False, chat_data=False, user_data=False, callback_data=True
)


async def register_commands(app: Application) -> None:  # type: ignore[type-arg]
    """The command menu, from bot.commands: per language, and Finnish for everyone else."""
    for language in (None, *LANGUAGES):
        chosen = language or DEFAULT_LANGUAGE
        menu = [BotCommand(c.name, c.description[chosen]) for c in COMMANDS]
        await app.bot.set_my_commands(menu, language_code=language)


async def start_bridge(app: Application) -> None:  # type: ignore[type-arg]
    """post_init: the bridge's state, the messages still waiting from before a restart, and
    the command menu."""
    settings: BotSettings = app.bot_data["settings"]
    bridge = Bridge.create(settings, app.bot)
    app.bot_data["bridge"] = bridge
    if restored := bridge.relay.restore():
        logger.info("%d messages waiting from before the restart go to Rasa again", restored)
    await register_commands(app)


async def stop_bridge(app: Application) -> None:  # type: ignore[type-arg]
    """post_shutdown: stops the relay, closes the clients."""
    bridge: Bridge | None = app.bot_data.pop("bridge", None)
    if bridge is not None:
        await bridge.close()


def build_application(settings: BotSettings) -> Application:  # type: ignore[type-arg]
    settings.telegram_persistence_file.parent.mkdir(parents=True, exist_ok=True)
    app = (
        Application.builder()
        .bot(
            tolerant_bot(
                settings.telegram_bot_token.get_secret_value(),
                settings.telegram_api_base_url,
                settings.telegram_callback_data_maxsize,
                TelegramLimits(
                    settings.telegram_send_attempts,
                    settings.telegram_retry_first_seconds,
                    settings.telegram_retry_max_seconds,
                ),
            )
        )
        .persistence(
            PicklePersistence(
                settings.telegram_persistence_file,
                store_data=KEEP_CALLBACK_DATA_ONLY,
                update_interval=settings.telegram_persistence_seconds,
            )
        )
        .post_init(start_bridge)
        .post_shutdown(stop_bridge)
        .build()
    )
    app.bot_data["settings"] = settings
    private = filters.ChatType.PRIVATE  # a client's own chat with the bot; no groups
    app.add_handler(CommandHandler("start", handlers.on_start, filters=private))
    for command in COMMANDS:
        # The bridge's own answers need no place in the queue: they run concurrently.
        app.add_handler(
            CommandHandler(
                command.name,
                handlers.command_handler(command),
                filters=private,
                block=command.payload is not None,
            )
        )
    app.add_handler(
        MessageHandler(private & filters.COMMAND, handlers.on_unknown_command, block=False)
    )
    app.add_handler(CallbackQueryHandler(handlers.on_button, pattern=str))
    app.add_handler(CallbackQueryHandler(handlers.on_expired_button, pattern=InvalidCallbackData))
    app.add_handler(MessageHandler(private & filters.TEXT, handlers.on_text))
    app.add_handler(
        MessageHandler(private & filters.UpdateType.MESSAGE, handlers.on_other, block=False)
    )
    app.add_error_handler(handlers.on_error)
    # One poll at a time: APScheduler skips a run while the previous one still sends.
    assert app.job_queue is not None  # noqa: S101 - python-telegram-bot[job-queue] is installed
    app.job_queue.run_repeating(
        handlers.poll_outbox, interval=settings.telegram_outbox_poll_seconds, name=OUTBOX_JOB
    )
    return app


def run(app: Application, settings: BotSettings) -> None:  # type: ignore[type-arg]
    """Long polling, unless TELEGRAM_WEBHOOK_URL is set: then Telegram posts the updates to
    that URL, which a reverse proxy forwards to TELEGRAM_WEBHOOK_LISTEN:PORT (bot.webhook)."""
    if not settings.telegram_webhook_url:
        app.run_polling(allowed_updates=ALLOWED_UPDATES)
        return
    asyncio.run(
        webhook.serve(
            app,
            listen=settings.telegram_webhook_listen,
            port=settings.telegram_webhook_port,
            path=settings.webhook_path,
            url=settings.telegram_webhook_url,
            secret=settings.webhook_secret(),
            allowed_updates=ALLOWED_UPDATES,
        )
    )
