"""Wiring of the Telegram bridge: the Application, its handlers and its HTTP client."""

import httpx
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot import handlers
from bot.rasa_client import RasaClient
from bot.settings import BotSettings


def build_application(settings: BotSettings) -> Application:  # type: ignore[type-arg]
    async def post_init(app: Application) -> None:  # type: ignore[type-arg]
        client = httpx.AsyncClient(timeout=settings.rasa_timeout_seconds)
        app.bot_data["http"] = client
        app.bot_data["rasa"] = RasaClient(client, settings.rasa_url)

    async def post_shutdown(app: Application) -> None:  # type: ignore[type-arg]
        await app.bot_data["http"].aclose()

    app = (
        Application.builder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_base_url)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    app.bot_data["settings"] = settings
    app.add_handler(CommandHandler("start", handlers.on_start))
    app.add_handler(CallbackQueryHandler(handlers.on_button))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, handlers.on_text))
    app.add_handler(MessageHandler(~filters.TEXT, handlers.on_other))
    return app
