"""Webhook mode: the bridge's own small web server for the updates Telegram posts.

python-telegram-bot's documented way of running a custom web server ("customwebhookbot"):
the Application is started without its Updater, and each update the server receives is put
on `application.update_queue`. Its built-in server (tornado) answers a body that is not JSON
with a 500 and logs a malformed update's content; this one answers 403 without the secret,
413 for a body larger than any update, 400 for anything that is not an update (logging the
reason, never the content), and 200 once the update is queued.
"""

import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from telegram import Update
from telegram.ext import Application, ExtBot

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
# Telegram's updates for a text or a button are a few kilobytes; a photo's is metadata only.
MAX_UPDATE_BYTES = 1_000_000


def webhook_app(
    path: str,
    secret: str,
    bot: ExtBot[Any],
    put: Callable[[Update], Awaitable[None]],
    max_bytes: int = MAX_UPDATE_BYTES,
) -> Starlette:
    async def receive(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return PlainTextResponse("forbidden", status_code=403)
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            return PlainTextResponse("too large", status_code=413)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_bytes:
                return PlainTextResponse("too large", status_code=413)
        try:
            data = json.loads(body)
            is_update = isinstance(data, dict) and type(data.get("update_id")) is int
            update = Update.de_json(data, bot) if is_update else None
        except Exception as error:
            logger.warning("A webhook request that is not an update: %s", type(error).__name__)
            return PlainTextResponse("not an update", status_code=400)
        if update is None:
            logger.warning("A webhook request that is not an update: no update id")
            return PlainTextResponse("not an update", status_code=400)
        bot.insert_callback_data(update)
        await put(update)
        return Response(status_code=200)

    return Starlette(routes=[Route(f"/{path}", receive, methods=["POST"])])


async def serve(
    app: Application,  # type: ignore[type-arg]
    *,
    listen: str,
    port: int,
    path: str,
    url: str,
    secret: str,
    allowed_updates: list[str],
) -> None:
    """Runs the Application and the web server until the server is told to stop (SIGINT,
    SIGTERM); the Application's post_init and post_shutdown run as run_webhook would."""
    bot = app.bot
    assert isinstance(bot, ExtBot)  # noqa: S101 - bot.app builds an ExtBot
    server = uvicorn.Server(
        uvicorn.Config(
            webhook_app(path, secret, bot, app.update_queue.put),
            host=listen,
            port=port,
            log_level="warning",
            access_log=False,  # the URL holds nothing, but every update is a client's message
        )
    )
    async with app:
        if app.post_init is not None:
            await app.post_init(app)
        await app.bot.set_webhook(url=url, secret_token=secret, allowed_updates=allowed_updates)
        await app.start()
        try:
            await server.serve()
        finally:
            await app.stop()
            if app.post_shutdown is not None:
                await app.post_shutdown(app)
