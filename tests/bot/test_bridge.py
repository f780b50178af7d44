"""bot.bridge: who a Telegram user is to Rasa, and what the bridge knows of their language."""

import pytest

from bot.rasa_client import sender_id
from bot.settings import BotSettings
from tests.bot.conftest import SENDER_KEY, bridge_of, running_bridge
from tests.bot.fake_telegram import FakeTelegram
from tests.bot.stubs import StubRasa

pytestmark = pytest.mark.anyio


async def test_the_sender_id_is_a_keyed_hash_never_the_telegram_id(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa
) -> None:
    user_id = 987654321
    async with running_bridge(settings) as app:
        telegram.send_text(user_id, "moi")
        await telegram.until(lambda: len(telegram.messages_to(user_id)) == 1)
        assert bridge_of(app).chats.chat_of(sender_id(user_id, SENDER_KEY)) == user_id
    [(sent_as, _, metadata)] = rasa.received
    assert sent_as == sender_id(user_id, SENDER_KEY) and sent_as.startswith("tg-")
    assert str(user_id) not in sent_as and str(user_id) not in str(metadata)
    assert str(user_id) not in str(rasa.tracker_reads)


async def test_the_language_is_telegrams_until_the_conversation_has_one(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa
) -> None:
    async with running_bridge(settings) as app:
        bridge = bridge_of(app)
        telegram.send_text(530, "hej", language_code="sv-FI")
        await telegram.until(lambda: len(telegram.messages_to(530)) == 1)
        assert bridge.languages[530] == "sv"
        rasa.languages[sender_id(530, SENDER_KEY)] = "en"  # the client changed it in the chat
        telegram.send_text(530, "in English, please", language_code="sv-FI")
        # The bridge reads the conversation's language once the replies are sent.
        await telegram.until(
            lambda: len(telegram.messages_to(530)) == 2 and bridge.languages.get(530) == "en"
        )
        await bridge.say(530, "text_only")
    assert telegram.texts_to(530)[2] == "I understand text only. Please write your message as text."


async def test_after_delete_my_data_the_bridge_forgets_the_chat(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa
) -> None:
    """Rasa's custom message after the erasure: the chat's record goes, the reply is sent."""
    rasa.canned["kyllä, poista"] = [
        {"text": "Done: I have deleted your data."},
        {"custom": {"forget_chat": True}},
    ]
    sender = sender_id(640, SENDER_KEY)
    async with running_bridge(settings) as app:
        bridge = bridge_of(app)
        telegram.send_text(640, "kyllä, poista")
        await telegram.until(lambda: len(telegram.messages_to(640)) == 1)
        await telegram.until(lambda: bridge.chats.chat_of(sender) is None)
        assert 640 not in bridge.languages
    assert telegram.texts_to(640) == ["Done: I have deleted your data."]
