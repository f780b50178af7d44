"""bot.handlers, as the real Application of bot.app runs them against a fake Telegram Bot API
server (tests/bot/fake_telegram.py), with stand-ins for Rasa and the API."""

from typing import Any

import pytest

from bot.rasa_client import sender_id
from bot.settings import BotSettings
from tests.bot.conftest import PUBLIC_BASE_URL, SENDER_KEY, running_bridge
from tests.bot.fake_telegram import FakeTelegram, buttons_of
from tests.bot.stubs import StubRasa
from vocabulary.messages import MAX_MESSAGE_LENGTH, too_long_text

pytestmark = pytest.mark.anyio

CONSENT = [
    {
        "text": "Saanko tallentaa vastauksesi?",
        "buttons": [{"title": "Kyllä", "payload": "/affirm"}, {"title": "Ei", "payload": "/deny"}],
    }
]
LONG_PAYLOAD = '/faq_topic{"faq_topic": "' + "työnhakuvelvollisuus_" * 3 + '"}'


def sender(user_id: int) -> str:
    return sender_id(user_id, SENDER_KEY)


def data_of(message: dict[str, Any], title: str) -> str:
    """The callback data Telegram holds for the button titled `title`."""
    [data] = [data for shown, data in buttons_of(message) if shown == title]
    return data


async def test_a_deep_link_opens_the_preparation_and_a_button_sends_its_payload(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa
) -> None:
    rasa.canned["/start_preparation"] = CONSENT
    async with running_bridge(settings):
        telegram.send_text(501, "/start K7QM4TXD9RWBE")
        await telegram.until(lambda: len(telegram.messages_to(501)) == 1)
        [question] = telegram.messages_to(501)
        assert question["text"] == "Saanko tallentaa vastauksesi?"
        assert [title for title, _ in buttons_of(question)] == ["Kyllä", "Ei"]
        assert rasa.received == [
            (sender(501), "/start_preparation", {"invite_code": "K7QM4TXD9RWBE"})
        ]

        query_id = telegram.press(501, question, data_of(question, "Kyllä"))
        await telegram.until(lambda: len(telegram.messages_to(501)) == 2)
        await telegram.until(lambda: bool(telegram.calls_of("editMessageReplyMarkup")))
    assert rasa.messages()[1] == "/affirm"
    assert telegram.texts_to(501)[1] == "echo: /affirm"
    [answered] = telegram.calls_of("answerCallbackQuery")
    assert answered.params["callback_query_id"] == query_id
    assert not answered.params.get("text")
    [edit] = telegram.calls_of("editMessageReplyMarkup")
    assert (edit.params["chat_id"], edit.params["message_id"]) == (501, question["message_id"])
    assert "reply_markup" not in telegram.messages_to(501)[0]  # the old buttons are gone


async def test_start_alone_greets_and_text_is_answered(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa
) -> None:
    async with running_bridge(settings):
        telegram.send_text(502, "/start")
        telegram.send_text(502, "Kuinka pitkä on omavastuuaika?")
        await telegram.until(lambda: len(telegram.messages_to(502)) == 2)
    assert rasa.messages() == ["/greet", "Kuinka pitkä on omavastuuaika?"]
    assert telegram.texts_to(502) == ["echo: /greet", "echo: Kuinka pitkä on omavastuuaika?"]


async def test_a_long_payload_reaches_rasa_and_a_pressed_keyboard_works_no_more(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa
) -> None:
    assert len(LONG_PAYLOAD.encode()) > 64  # more than Telegram's callback data holds
    rasa.canned["aiheet"] = [
        {"text": "Valitse", "buttons": [{"title": "Aihe", "payload": LONG_PAYLOAD}]}
    ]
    async with running_bridge(settings):
        telegram.send_text(503, "aiheet")
        await telegram.until(lambda: len(telegram.messages_to(503)) == 1)
        [(title, data)] = buttons_of(telegram.messages_to(503)[0])
        assert title == "Aihe" and len(data.encode()) <= 64 and data != LONG_PAYLOAD
        keyboard = {**telegram.messages_to(503)[0]}  # as the client's app still shows it
        telegram.press(503, keyboard, data)
        await telegram.until(lambda: len(rasa.received) == 2)
        assert rasa.messages()[1] == LONG_PAYLOAD

        # Pressed again (the keyboard was removed, but an app may still show it), and data
        # that was never this bridge's: the client is told; nothing goes to Rasa.
        telegram.press(503, keyboard, data)
        telegram.press(503, keyboard, "made-up callback data")
        await telegram.until(lambda: len(telegram.calls_of("answerCallbackQuery")) == 3)
    notices = [c.params.get("text") for c in telegram.calls_of("answerCallbackQuery")]
    assert notices == [
        None,
        *["Tämä painike ei ole enää käytössä. Kirjoita vastauksesi viestinä."] * 2,
    ]
    assert len(rasa.received) == 2


async def test_an_expired_button_is_told_in_the_conversations_language(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa
) -> None:
    rasa.languages[sender(513)] = "sv"  # the client chose Swedish in the conversation
    message = {"message_id": 1, "date": 0, "chat": {"id": 513, "type": "private"}}
    async with running_bridge(settings):
        telegram.press(513, message, "from-before-the-restart")
        await telegram.until(lambda: len(telegram.calls_of("answerCallbackQuery")) == 1)
        telegram.push(
            {
                "callback_query": {
                    "id": "query-514",
                    # Neither Rasa nor Telegram knows this client's language.
                    "from": telegram.user(514, language_code=None),
                    "chat_instance": "instance-514",
                    "message": {**message, "chat": {"id": 514, "type": "private"}},
                    "data": "from-before-the-restart",
                }
            }
        )
        await telegram.until(lambda: len(telegram.messages_to(514)) == 1)
    [swedish, silent] = telegram.calls_of("answerCallbackQuery")
    assert swedish.params["text"] == (
        "Den här knappen fungerar inte längre. Skriv ditt svar som ett meddelande."
    )
    # In all three languages it is longer than Telegram's 200 characters: a message then.
    assert silent.status == 200 and not silent.params.get("text")
    [everyone] = telegram.texts_to(514)
    assert everyone.startswith("Tämä painike") and "This button no longer works" in everyone
    assert rasa.received == []


async def test_photos_stickers_and_voice_get_text_only_in_the_clients_language(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa
) -> None:
    async with running_bridge(settings):
        telegram.send_photo(504, language_code="en")
        telegram.send_sticker(504, language_code="en")
        telegram.send_voice(504, language_code="en")
        telegram.send_photo(505, language_code=None)  # language not known: all three
        await telegram.until(lambda: len(telegram.messages_to(504)) == 3)
        await telegram.until(lambda: len(telegram.messages_to(505)) == 1)
    assert (
        telegram.texts_to(504) == ["I understand text only. Please write your message as text."] * 3
    )
    everyone = telegram.texts_to(505)[0]
    assert "Ymmärrän vain tekstiä" in everyone and "Jag förstår bara text" in everyone
    assert rasa.received == []


async def test_help_language_and_feedback_go_to_rasa_and_privacy_is_answered_in_the_language(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa
) -> None:
    rasa.languages[sender(509)] = "sv"
    async with running_bridge(settings):
        telegram.send_text(509, "/help")
        telegram.send_text(509, "/language")
        telegram.send_text(509, "/feedback")
        await telegram.until(lambda: len(telegram.messages_to(509)) == 3)
        telegram.send_text(509, "/mydata")
        telegram.send_text(509, "/delete")
        await telegram.until(lambda: len(rasa.messages()) == 5)
        telegram.send_text(509, "/privacy")
        await telegram.until(lambda: len(telegram.messages_to(509)) == 6)
        telegram.send_text(509, "/unknown")
        await telegram.until(lambda: len(telegram.messages_to(509)) == 7)
    assert rasa.messages() == [
        "/help",
        "/change_language",
        "/give_feedback",
        "/my_data",
        "/delete_my_data",
    ]
    privacy = telegram.texts_to(509)[5]
    assert privacy.startswith("Dataskydd i korthet")
    assert "raderas 45 dagar efter mötet" in privacy  # the stand-in API's retention
    assert privacy.endswith(f"{PUBLIC_BASE_URL}/privacy")
    assert telegram.texts_to(509)[6] == (
        "Jag känner inte till det kommandot. Kommandon:\n/language – Byt språk\n"
        "/help – Vad jag kan och hur\n/feedback – Ge respons\n"
        "/mydata – Vad vet du om mig\n/delete – Radera mina uppgifter\n"
        "/privacy – Hur dina uppgifter behandlas"
    )


async def test_a_too_long_text_is_answered_with_the_limit_and_never_reaches_rasa(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa
) -> None:
    async with running_bridge(settings):
        telegram.send_text(530, "a" * (MAX_MESSAGE_LENGTH + 1), language_code="en")
        telegram.send_text(531, "b" * 4096, language_code=None)
        await telegram.until(lambda: len(telegram.messages_to(530)) == 1)
        await telegram.until(lambda: len(telegram.messages_to(531)) == 1)
        telegram.send_text(530, "a" * MAX_MESSAGE_LENGTH, language_code="en")
        await telegram.until(lambda: len(telegram.messages_to(530)) == 2)
    assert telegram.texts_to(530)[0] == too_long_text("en")
    assert "2,000 characters" in telegram.texts_to(530)[0]
    assert telegram.texts_to(531) == [too_long_text(None)]
    assert rasa.messages() == ["a" * MAX_MESSAGE_LENGTH]


async def test_control_characters_are_dropped_and_odd_text_passes(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa
) -> None:
    texts = ["moi\x00\x07 kaikki", "😀👍🏽", "مرحبا", "<script>alert(1)</script>", "\x00\x1b"]
    async with running_bridge(settings):
        for each in texts:
            telegram.send_text(532, each)
        await telegram.until(lambda: len(rasa.messages()) == 4)
    assert rasa.messages() == ["moi kaikki", "😀👍🏽", "مرحبا", "<script>alert(1)</script>"]


@pytest.mark.parametrize(
    "update",
    [
        {"message": {"message_id": 1, "date": 0}},  # no chat
        {"message": {"message_id": 1, "date": 0, "chat": {"id": 533, "type": "private"}}},
        {"callback_query": {"id": "q", "chat_instance": "i"}},  # no sender
        {"edited_message": {"message_id": 1}},
        {"no_such_kind": {"x": 1}},
        {},
    ],
)
async def test_a_malformed_update_is_skipped_and_the_next_is_answered(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa, update: dict[str, Any]
) -> None:
    async with running_bridge(settings):
        telegram.push(update)
        telegram.send_text(534, "hei")
        await telegram.until(lambda: len(telegram.messages_to(534)) == 1)
    assert rasa.messages() == ["hei"]
