"""Wiring of the Telegram bridge: the Application, its handlers, its command menu, its
background work (the outbox), and how it runs (long polling, or a webhook)."""

import asyncio
from contextlib import suppress
from functools import partial

from telegram import BotCommand, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot import handlers
from bot.bridge import Bridge
from bot.commands import COMMANDS
from bot.outbox import deliver_forever
from bot.settings import BotSettings
from bot.telegram_io import send_with_retry
from bot.texts import LANGUAGES

# Only what the bridge handles: no edited messages, channel posts, inline queries …
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
OUTBOX_TASK = "outbox_task"


async def register_commands(bridge: Bridge) -> None:
    """The command menu, from bot.commands: per language, and Finnish for everyone else."""
    for language in (None, *LANGUAGES):
        menu = [BotCommand(c.name, c.description[language or "fi"]) for c in COMMANDS]
        await send_with_retry(
            partial(bridge.bot.set_my_commands, menu, language_code=language), bridge.backoff
        )


async def start_bridge(app: Application) -> None:  # type: ignore[type-arg]
    """post_init: the bridge's state, the command menu and the outbox poller."""
    settings: BotSettings = app.bot_data["settings"]
    bridge = Bridge.create(settings, app.bot)
    app.bot_data["bridge"] = bridge
    await register_commands(bridge)
    app.bot_data[OUTBOX_TASK] = asyncio.create_task(
        deliver_forever(
            bridge.outbox,
            bridge.chats,
            bridge.bot,
            bridge.backoff,
            settings.telegram_outbox_poll_seconds,
        )
    )


async def stop_bridge(app: Application) -> None:  # type: ignore[type-arg]
    """post_shutdown: stops the outbox poller and the relay, closes the clients."""
    task: asyncio.Task[None] | None = app.bot_data.pop(OUTBOX_TASK, None)
    if task is not None:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
    bridge: Bridge | None = app.bot_data.pop("bridge", None)
    if bridge is not None:
        await bridge.close()


def build_application(settings: BotSettings) -> Application:  # type: ignore[type-arg]
    app = (
        Application.builder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_base_url)
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
    app.add_handler(CallbackQueryHandler(handlers.on_button))
    app.add_handler(MessageHandler(private & filters.TEXT, handlers.on_text))
    app.add_handler(
        MessageHandler(private & filters.UpdateType.MESSAGE, handlers.on_other, block=False)
    )
    app.add_error_handler(handlers.on_error)
    return app


def run(app: Application, settings: BotSettings) -> None:  # type: ignore[type-arg]
    """Long polling, unless TELEGRAM_WEBHOOK_URL is set: then Telegram posts the updates to
    that URL, which a reverse proxy forwards to TELEGRAM_WEBHOOK_LISTEN:PORT."""
    if not settings.telegram_webhook_url:
        app.run_polling(allowed_updates=ALLOWED_UPDATES)
        return
    app.run_webhook(
        listen=settings.telegram_webhook_listen,
        port=settings.telegram_webhook_port,
        url_path=settings.webhook_path,
        webhook_url=settings.telegram_webhook_url,
        secret_token=settings.webhook_secret(),
        allowed_updates=ALLOWED_UPDATES,
    )
