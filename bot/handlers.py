"""One async handler per kind of Telegram update; wiring is in bot/app.py.

Handlers queue the client's message for Rasa (bot.relay) and return at once; what the
bridge answers itself (text only, /privacy, an unknown command) is sent directly.
"""

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.bridge import Bridge
from bot.commands import Command, command_list
from bot.telegram_io import send_with_retry
from bot.texts import text

logger = logging.getLogger(__name__)
Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]
MAX_INVITE_CODE = 32


def bridge_of(context: ContextTypes.DEFAULT_TYPE) -> Bridge:
    bridge = context.bot_data["bridge"]
    assert isinstance(bridge, Bridge)  # noqa: S101 - set in post_init
    return bridge


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message, user = update.message, update.effective_user
    if message is None or user is None or not message.text:
        return
    bridge_of(context).submit(user, message.chat_id, message.text)


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/start` greets; `/start CODE` (the invitation's deep link) opens the preparation."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    if context.args:
        code = context.args[0][:MAX_INVITE_CODE]
        bridge_of(context).submit(user, chat.id, "/start_preparation", {"invite_code": code})
    else:
        bridge_of(context).submit(user, chat.id, "/greet")


def command_handler(command: Command) -> Handler:
    """The handler of one command of bot.commands.COMMANDS."""

    async def handle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat, user = update.effective_chat, update.effective_user
        if chat is None or user is None:
            return
        bridge = bridge_of(context)
        if command.payload is not None:
            bridge.submit(user, chat.id, command.payload)
            return
        assert command.reply is not None  # noqa: S101 - Command checks it has one of the two
        language = await bridge.refresh_language(chat.id, bridge.sender_of(user, chat.id))
        answer = command.reply(language, bridge.settings)
        await send_with_retry(lambda: context.bot.send_message(chat.id, answer), bridge.backoff)

    return handle


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    bridge = bridge_of(context)
    bridge.sender_of(user, chat.id)
    language = bridge.languages.get(chat.id)
    answer = f"{text('unknown_command', language)}\n{command_list(language)}"
    await send_with_retry(lambda: context.bot.send_message(chat.id, answer), bridge.backoff)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A pressed inline button: its payload goes to Rasa, the press is answered and the
    message's keyboard removed, so that an old question is not answered twice."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None or query.data is None:
        return
    bridge = bridge_of(context)
    message = query.message
    chat_id = message.chat.id if message is not None else user.id
    payload = bridge.buttons.payload(query.data)
    notice = None
    if payload is not None:
        bridge.submit(user, chat_id, payload)  # queued first: it keeps its place in the chat
    else:  # a token this bridge no longer remembers (it was restarted)
        notice = text("button_expired", bridge.languages.get(chat_id))
    await send_with_retry(lambda: query.answer(text=notice), bridge.backoff)
    if message is not None:
        try:
            await send_with_retry(lambda: query.edit_message_reply_markup(None), bridge.backoff)
        except BadRequest as error:  # too old to edit, or already without buttons
            logger.info("Keyboard not removed: %s", error)


async def on_other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A photo, sticker, voice message or any other update that is not text."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    bridge = bridge_of(context)
    bridge.sender_of(user, chat.id)
    await bridge.say(chat.id, "text_only")


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Logs the error's type and where, never the client's words."""
    error = context.error
    logger.error("Handling an update failed: %s", type(error).__name__, exc_info=error)
