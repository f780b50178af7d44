"""The bridge as it runs: the real python-telegram-bot Application of bot.app against a fake
Telegram Bot API server (tests/bot/fake_telegram.py), with stand-ins for Rasa and the API."""

import asyncio
import time

import pytest
from pydantic import SecretStr

from bot.commands import COMMANDS
from bot.rasa_client import sender_id
from bot.settings import BotSettings
from tests.bot.conftest import PUBLIC_BASE_URL, SENDER_KEY, running_bridge
from tests.bot.fake_telegram import FakeTelegram, buttons_of
from tests.bot.stubs import StubApi, StubRasa

pytestmark = pytest.mark.anyio

CONSENT = [
    {
        "text": "Saanko tallentaa vastauksesi?",
        "buttons": [{"title": "Kyllä", "payload": "/affirm"}, {"title": "Ei", "payload": "/deny"}],
    }
]


def sender(user_id: int) -> str:
    return sender_id(user_id, SENDER_KEY)


async def test_the_command_menu_is_set_from_the_registry_in_every_language(
    settings: BotSettings, telegram: FakeTelegram
) -> None:
    async with running_bridge(settings):
        await telegram.until(lambda: len(telegram.calls_of("setMyCommands")) == 4)
    menus = {
        c.params.get("language_code"): c.params["commands"]
        for c in telegram.calls_of("setMyCommands")
    }
    assert set(menus) == {None, "fi", "sv", "en"}
    names = [command.name for command in COMMANDS]
    assert names == ["language", "help", "privacy"]
    for menu in menus.values():
        assert [entry["command"] for entry in menu] == names
    assert menus["sv"][0]["description"] == "Byt språk"
    assert menus[None] == menus["fi"]
    assert telegram.calls_of("getMe") and telegram.calls_of("deleteWebhook")


async def test_a_deep_link_opens_the_preparation_and_a_button_sends_its_payload(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa
) -> None:
    rasa.canned["/start_preparation"] = CONSENT
    async with running_bridge(settings):
        telegram.send_text(501, "/start K7QM4TXD9RWBE")
        await telegram.until(lambda: len(telegram.messages_to(501)) == 1)
        [question] = telegram.messages_to(501)
        assert question["text"] == "Saanko tallentaa vastauksesi?"
        assert buttons_of(question) == [("Kyllä", "/affirm"), ("Ei", "/deny")]
        assert rasa.received == [
            (sender(501), "/start_preparation", {"invite_code": "K7QM4TXD9RWBE"})
        ]

        query_id = telegram.press(501, question, "/affirm")
        await telegram.until(lambda: len(telegram.messages_to(501)) == 2)
        await telegram.until(lambda: bool(telegram.calls_of("editMessageReplyMarkup")))
    assert rasa.messages()[1] == "/affirm"
    assert telegram.texts_to(501)[1] == "echo: /affirm"
    [answered] = telegram.calls_of("answerCallbackQuery")
    assert answered.params["callback_query_id"] == query_id
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


async def test_the_sender_id_is_a_keyed_hash_never_the_telegram_id(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa, api: StubApi
) -> None:
    user_id = 987654321
    async with running_bridge(settings):
        telegram.send_text(user_id, "moi")
        await telegram.until(lambda: len(telegram.messages_to(user_id)) == 1)
    [(sent_as, _, metadata)] = rasa.received
    assert sent_as == sender(user_id) and sent_as.startswith("tg-")
    assert str(user_id) not in sent_as and str(user_id) not in str(metadata)
    assert str(user_id) not in str(rasa.tracker_reads)


async def test_a_long_payload_is_kept_behind_a_short_token(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa
) -> None:
    long_payload = '/faq_topic{"faq_topic": "' + "työnhakuvelvollisuus_" * 3 + '"}'
    assert len(long_payload.encode()) > 64
    rasa.canned["aiheet"] = [
        {"text": "Valitse", "buttons": [{"title": "Aihe", "payload": long_payload}]}
    ]
    async with running_bridge(settings):
        telegram.send_text(503, "aiheet")
        await telegram.until(lambda: len(telegram.messages_to(503)) == 1)
        [(title, data)] = buttons_of(telegram.messages_to(503)[0])
        assert title == "Aihe" and len(data.encode()) <= 64 and data != long_payload
        telegram.press(503, telegram.messages_to(503)[0], data)
        await telegram.until(lambda: len(rasa.received) == 2)
        assert rasa.messages()[1] == long_payload

        # A token the bridge does not know (from before a restart): told so, nothing sent.
        telegram.press(503, telegram.messages_to(503)[0], "k:forgotten")
        await telegram.until(lambda: len(telegram.calls_of("answerCallbackQuery")) == 2)
    assert "ei ole enää käytössä" in telegram.calls_of("answerCallbackQuery")[1].params["text"]
    assert len(rasa.received) == 2


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


async def test_rasa_down_is_told_once_and_nothing_is_lost(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa
) -> None:
    async with running_bridge(settings):
        telegram.send_text(506, "ensimmäinen")
        await telegram.until(lambda: len(telegram.messages_to(506)) == 1)
        rasa.server.stop()
        telegram.send_text(506, "toinen")
        telegram.send_text(506, "kolmas")
        await telegram.until(lambda: len(telegram.messages_to(506)) == 2)
        assert "Avustaja ei ole juuri nyt käytettävissä" in telegram.texts_to(506)[1]
        telegram.send_text(507, "muualla")  # another chat is told too, on its own
        await telegram.until(lambda: len(telegram.messages_to(507)) == 1)
        await asyncio.sleep(1.0)  # several retries: still one notice per chat
        assert len(telegram.messages_to(506)) == 2

        rasa.server.start()
        await telegram.until(lambda: len(telegram.messages_to(506)) == 4)
        await telegram.until(lambda: len(telegram.messages_to(507)) == 2)
    assert telegram.texts_to(506)[2:] == ["echo: toinen", "echo: kolmas"]  # in order
    assert rasa.messages().count("toinen") == 1


async def test_telegram_rate_limits_and_network_errors_are_retried(
    settings: BotSettings, telegram: FakeTelegram
) -> None:
    telegram.fail_next("sendMessage", status=429, retry_after=1)
    telegram.fail_next("sendMessage", status=502)
    async with running_bridge(settings):
        started = time.monotonic()
        telegram.send_text(508, "hei")
        await telegram.until(lambda: len(telegram.messages_to(508)) == 1)
        waited = time.monotonic() - started
    assert [c.status for c in telegram.calls_of("sendMessage")] == [429, 502, 200]
    assert waited >= 1.0  # retry_after was honoured


async def test_help_and_language_go_to_rasa_and_privacy_is_answered_in_the_language(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa
) -> None:
    rasa.languages[sender(509)] = "sv"
    async with running_bridge(settings):
        telegram.send_text(509, "/help")
        telegram.send_text(509, "/language")
        await telegram.until(lambda: len(telegram.messages_to(509)) == 2)
        telegram.send_text(509, "/privacy")
        await telegram.until(lambda: len(telegram.messages_to(509)) == 3)
        telegram.send_text(509, "/unknown")
        await telegram.until(lambda: len(telegram.messages_to(509)) == 4)
    assert rasa.messages() == ["/help", "/change_language"]
    privacy = telegram.texts_to(509)[2]
    assert privacy.startswith("Dataskydd i korthet")
    assert f"{PUBLIC_BASE_URL}/privacy" in privacy
    assert telegram.texts_to(509)[3] == (
        "Jag känner inte till det kommandot. Kommandon:\n/language – Byt språk\n"
        "/help – Vad jag kan och hur\n/privacy – Hur dina uppgifter behandlas"
    )


async def test_the_outbox_reaches_known_chats_and_waits_for_unknown_ones(
    settings: BotSettings, telegram: FakeTelegram, api: StubApi
) -> None:
    async with running_bridge(settings):
        telegram.send_text(510, "moi")
        await telegram.until(lambda: len(telegram.messages_to(510)) == 1)
    # The chat map outlives the bridge: a new one delivers to the chat it saw before.
    reminder = api.queue(sender(510), "Muistutus: tapaamisesi on to 3.12. klo 10.00.")
    stranger = api.queue(sender(999), "for a chat the bridge has never seen")
    api.queue("rest-web-client", "for the web chat")
    async with running_bridge(settings):
        await telegram.until(lambda: len(telegram.messages_to(510)) == 2)
        await telegram.until(lambda: api.delivered() == [reminder])
        await asyncio.sleep(0.5)  # a few more polls
    assert telegram.texts_to(510)[1] == "Muistutus: tapaamisesi on to 3.12. klo 10.00."
    assert api.delivered() == [reminder] and stranger not in api.delivered()
    assert telegram.messages_to(999) == []


async def test_the_outbox_waits_while_the_api_is_down(
    settings: BotSettings, telegram: FakeTelegram, api: StubApi
) -> None:
    api.server.stop()
    async with running_bridge(settings):
        telegram.send_text(511, "moi")
        await telegram.until(lambda: len(telegram.messages_to(511)) == 1)
        await asyncio.sleep(0.5)
        api.server.start()
        api.queue(sender(511), "Muistutus")
        await telegram.until(lambda: len(telegram.messages_to(511)) == 2)


def test_settings_without_a_token_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    with pytest.raises(ValueError, match="telegram_bot_token"):
        BotSettings()
    assert BotSettings(telegram_bot_token=SecretStr("x")).telegram_webhook_url == ""


async def test_an_outbox_message_telegram_refuses_is_not_tried_again(
    settings: BotSettings, telegram: FakeTelegram, api: StubApi
) -> None:
    async with running_bridge(settings):
        telegram.send_text(512, "moi")
        await telegram.until(lambda: len(telegram.messages_to(512)) == 1)
        telegram.fail_next("sendMessage", status=403, retry_after=None)  # the bot is blocked
        api.queue(sender(512), "Muistutus")
        await telegram.until(lambda: any(c.status == 403 for c in telegram.calls_of("sendMessage")))
        await asyncio.sleep(1.0)  # several polls
    tries = [c for c in telegram.calls_of("sendMessage") if c.params["text"] == "Muistutus"]
    assert [c.status for c in tries] == [403]
    assert api.delivered() == []
