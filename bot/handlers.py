"""One async handler per kind of Telegram update, and the outbox's job; wiring is in
bot/app.py.

Handlers queue the client's message for Rasa (bot.relay) and return at once; what the
bridge answers itself (text only, /privacy, an unknown command) is sent directly. Every call
to Telegram goes through the Application's rate limiter (bot.telegram_io.TelegramLimits).
"""

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import CallbackQuery, Update
from telegram.constants import CallbackQueryLimit
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.bridge import Bridge
from bot.commands import Command, command_list
from bot.texts import text
from vocabulary.messages import is_too_long, too_long_text, without_control_characters

logger = logging.getLogger(__name__)
Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]
MAX_INVITE_CODE = 32


def bridge_of(context: ContextTypes.DEFAULT_TYPE) -> Bridge:
    bridge = context.bot_data["bridge"]
    assert isinstance(bridge, Bridge)  # noqa: S101 - set in post_init
    return bridge


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text goes to Rasa without its control characters; one over the limit that every
    channel keeps (vocabulary.messages) is answered here, and nothing of it goes on."""
    message, user = update.message, update.effective_user
    if message is None or user is None or not message.text:
        return
    bridge = bridge_of(context)
    if is_too_long(message.text):
        bridge.sender_of(user, message.chat_id)  # the language of Telegram's setting, if new
        language = bridge.languages.get(message.chat_id)
        await context.bot.send_message(message.chat_id, too_long_text(language))
        return
    cleaned = without_control_characters(message.text)
    if cleaned.strip():
        bridge.submit(user, message.chat_id, cleaned)


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
        await context.bot.send_message(chat.id, await command.reply(bridge, language))

    return handle


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    bridge = bridge_of(context)
    bridge.sender_of(user, chat.id)
    language = bridge.languages.get(chat.id)
    answer = f"{text('unknown_command', language)}\n{command_list(language)}"
    await context.bot.send_message(chat.id, answer)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A pressed inline button: its payload (python-telegram-bot's callback data, restored
    from its cache) goes to Rasa; the press is answered and the message's keyboard removed,
    with its payloads, so that an old question is not answered twice."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None or not isinstance(query.data, str):
        return
    chat_id = query.message.chat.id if query.message is not None else user.id
    bridge_of(context).submit(user, chat_id, query.data)  # first: it keeps its place in the chat
    context.drop_callback_data(query)
    await query.answer()
    await remove_keyboard(query)


async def on_expired_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button whose payload is no longer known (InvalidCallbackData: older than the newest
    keyboards kept, already pressed, or not sent by this bridge): nothing goes to Rasa."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    bridge = bridge_of(context)
    chat_id = query.message.chat.id if query.message is not None else user.id
    language = await bridge.refresh_language(chat_id, bridge.sender_of(user, chat_id))
    notice = text("button_expired", language)
    if len(notice) <= CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH:
        await query.answer(text=notice)
    else:  # in all three languages (none known) it is too long for that: a message then
        await query.answer()
        await context.bot.send_message(chat_id, notice)
    await remove_keyboard(query)


async def remove_keyboard(query: CallbackQuery) -> None:
    if query.message is None:
        return
    try:
        await query.edit_message_reply_markup(None)
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


async def poll_outbox(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The job queue's repeating job: one poll of the API's outbox (bot.outbox)."""
    await bridge_of(context).outbox.poll(context.bot)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Logs the error's type and where, never the client's words."""
    error = context.error
    logger.error("Handling an update or job failed: %s", type(error).__name__, exc_info=error)
