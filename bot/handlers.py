"""One async handler per kind of Telegram update; wiring is in bot/app.py."""

import logging
from typing import Any

import httpx
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.rasa_client import RasaClient, sender_id
from bot.settings import BotSettings

logger = logging.getLogger(__name__)

UNAVAILABLE = (
    "Avustaja ei ole juuri nyt käytettävissä, yritä hetken päästä uudelleen. / "
    "The assistant is not available right now, try again in a moment."
)
TEXT_ONLY = "Ymmärrän vain tekstiä. / Jag förstår bara text. / I understand text only."


def _keyboard(buttons: list[dict[str, Any]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b["title"], callback_data=b["payload"][:64])] for b in buttons]
    )


async def relay(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    text: str,
    metadata: dict[str, Any] | None = None,
) -> None:
    """Send the client's text (or a button's payload) to Rasa and post every reply."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    settings: BotSettings = context.bot_data["settings"]
    rasa: RasaClient = context.bot_data["rasa"]
    sender = sender_id(user.id, settings.sender_id_key.get_secret_value())
    try:
        replies = await rasa.send(sender, text, metadata)
    except httpx.HTTPError as error:
        logger.warning("Rasa unreachable: %s", type(error).__name__)
        await context.bot.send_message(chat.id, UNAVAILABLE)
        return
    for reply in replies:
        if "text" not in reply:
            continue
        markup = _keyboard(reply["buttons"]) if reply.get("buttons") else None
        await context.bot.send_message(chat.id, reply["text"], reply_markup=markup)


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.message and update.message.text:
        await relay(update, context, update.message.text)


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """`/start` greets; `/start CODE` (the invitation's deep link) opens the preparation."""
    if context.args:
        code = context.args[0][:32]
        await relay(update, context, "/start_preparation", {"invite_code": code})
    else:
        await relay(update, context, "/greet")


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None or query.data is None:
        return
    await query.answer()
    await relay(update, context, query.data)


async def on_other(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, TEXT_ONLY)
