"""bot.outbox: the API's outbox delivered to the chats the bridge knows.

The first test lets the job queue poll (every 0.2 s); the others poll themselves, with the
job's interval set far beyond the test, so that what did not happen is shown without waiting.
"""

import logging
from typing import Any

import pytest

from bot.outbox import DIALOGUES, pilot_invitation_payload
from bot.rasa_client import sender_id
from bot.settings import BotSettings
from tests.bot.conftest import SENDER_KEY, bridge_of, running_bridge
from tests.bot.fake_telegram import FakeTelegram, buttons_of
from tests.bot.stubs import StubApi, StubRasa
from vocabulary.channels import OUTBOX_PURPOSES

pytestmark = pytest.mark.anyio

REMINDER = "Muistutus: tapaamisesi on to 3.12. klo 10.00."
OFFER_PULSE = '/offer_pulse{"offer_kind": "after_meeting"}'
# What Rasa answers the offer (action_offer_pulse, then the form's first question).
SURVEY: list[dict[str, Any]] = [
    {"text": "Asiantuntijasi on merkinnyt tapaamisenne pidetyksi. Kertoisitko, miten se meni?"},
    {
        "text": "Saitko hoidettua sen, mitä varten tulit?",
        "buttons": [
            {"title": "Kyllä", "payload": '/pulse_answer{"outcome": "yes"}'},
            {"title": "Osittain", "payload": '/pulse_answer{"outcome": "partly"}'},
            {"title": "En", "payload": '/pulse_answer{"outcome": "no"}'},
        ],
    },
]


def sender(user_id: int) -> str:
    return sender_id(user_id, SENDER_KEY)


@pytest.fixture
def polled_by_hand(settings: BotSettings) -> BotSettings:
    return settings.model_copy(update={"telegram_outbox_poll_seconds": 3600})


async def test_the_job_queue_delivers_to_a_chat_seen_before_a_restart(
    settings: BotSettings, telegram: FakeTelegram, api: StubApi
) -> None:
    async with running_bridge(settings):
        telegram.send_text(510, "moi")
        await telegram.until(lambda: len(telegram.messages_to(510)) == 1)
    # The chat map outlives the bridge: a new one delivers to the chat it saw before.
    reminder = api.queue(sender(510), REMINDER)
    async with running_bridge(settings):
        await telegram.until(lambda: api.delivered() == [reminder])
    assert telegram.texts_to(510)[1] == REMINDER


async def test_unknown_chats_and_the_web_chat_wait_in_the_outbox(
    polled_by_hand: BotSettings, telegram: FakeTelegram, api: StubApi
) -> None:
    async with running_bridge(polled_by_hand) as app:
        bridge = bridge_of(app)
        bridge.chats.remember(sender(510), 510)
        reminder = api.queue(sender(510), REMINDER)
        stranger = api.queue(sender(999), "for a chat the bridge has never seen")
        api.queue("rest-web-client", "for the web chat")
        assert await bridge.outbox.poll(app.bot) == 1
        assert await bridge.outbox.poll(app.bot) == 0  # marked delivered: not sent again
    assert api.delivered() == [reminder] and stranger not in api.delivered()
    assert telegram.texts_to(510) == [REMINDER]
    assert telegram.messages_to(999) == []
    # Given back at each poll: another bridge that knows the chat may deliver it.
    assert api.released == [stranger, stranger] and stranger not in api.claims


async def test_a_message_another_bridge_holds_is_not_sent_by_this_one(
    polled_by_hand: BotSettings, telegram: FakeTelegram, api: StubApi
) -> None:
    async with running_bridge(polled_by_hand) as app:
        bridge = bridge_of(app)
        bridge.chats.remember(sender(513), 513)
        held = api.queue(sender(513), "claimed by the other bridge")
        api.claims[held] = "other-bridge"
        assert await bridge.outbox.poll(app.bot) == 0
        del api.claims[held]  # the other bridge gave it back
        assert await bridge.outbox.poll(app.bot) == 1
        assert api.claims[held] == polled_by_hand.instance_name()
    assert telegram.texts_to(513) == ["claimed by the other bridge"]


async def test_a_message_telegram_refuses_is_not_tried_again(
    polled_by_hand: BotSettings, telegram: FakeTelegram, api: StubApi
) -> None:
    async with running_bridge(polled_by_hand) as app:
        bridge = bridge_of(app)
        bridge.chats.remember(sender(512), 512)
        telegram.fail_next("sendMessage", status=403, retry_after=None)  # the bot is blocked
        api.queue(sender(512), "Muistutus")
        assert await bridge.outbox.poll(app.bot) == 0
        assert await bridge.outbox.poll(app.bot) == 0
    assert [c.status for c in telegram.calls_of("sendMessage")] == [403]
    assert api.delivered() == []


async def test_while_the_api_is_down_that_is_logged_once_and_nothing_is_lost(
    polled_by_hand: BotSettings,
    telegram: FakeTelegram,
    api: StubApi,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async with running_bridge(polled_by_hand) as app:
        bridge = bridge_of(app)
        bridge.chats.remember(sender(511), 511)
        api.server.stop()
        with caplog.at_level(logging.WARNING, logger="bot.outbox"):
            assert await bridge.outbox.poll(app.bot) == 0
            assert await bridge.outbox.poll(app.bot) == 0
        assert [r.getMessage() for r in caplog.records if r.name == "bot.outbox"] == [
            "Outbox: the API cannot be reached (ConnectError)"
        ]
        api.server.start()
        api.queue(sender(511), "Muistutus")
        assert await bridge.outbox.poll(app.bot) == 1
    assert telegram.texts_to(511) == ["Muistutus"]


def test_a_dialogue_purpose_is_an_outbox_purpose() -> None:
    assert set(DIALOGUES) <= set(OUTBOX_PURPOSES)
    assert DIALOGUES["pulse"]({"id": 1, "step": "initial_interview"}) == OFFER_PULSE


async def test_a_pulse_message_opens_the_survey_in_the_clients_conversation(
    polled_by_hand: BotSettings, telegram: FakeTelegram, api: StubApi, rasa: StubRasa
) -> None:
    """After the advisor marks the meeting held: the bridge sends Rasa the offer as the
    client's message, relays the survey's question, and the client answers with a button."""
    rasa.canned[OFFER_PULSE] = SURVEY
    async with running_bridge(polled_by_hand) as app:
        bridge = bridge_of(app)
        bridge.chats.remember(sender(520), 520)
        pulse = api.queue(sender(520), "", purpose="pulse", step="initial_interview")
        assert await bridge.outbox.poll(app.bot) == 1
        # Handed to Rasa, not yet answered: a poll meanwhile does not open it again.
        assert await bridge.outbox.poll(app.bot) == 0
        await telegram.until(lambda: api.delivered() == [pulse], what="marked delivered")
        intro, question = telegram.messages_to(520)
        assert intro["text"].startswith("Asiantuntijasi on merkinnyt")
        assert [title for title, _ in buttons_of(question)] == ["Kyllä", "Osittain", "En"]
        [(_, partly)] = [b for b in buttons_of(question) if b[0] == "Osittain"]
        telegram.press(520, question, partly)
        await telegram.until(lambda: len(rasa.received) == 2, what="the answer")
        assert await bridge.outbox.poll(app.bot) == 0  # delivered: not opened again
    assert rasa.received[0] == (sender(520), OFFER_PULSE, {})
    assert rasa.received[1][:2] == (sender(520), '/pulse_answer{"outcome": "partly"}')
    # Nothing of the outbox message itself is shown: its text is empty, Rasa speaks.
    assert "" not in telegram.texts_to(520)


async def test_a_pulse_message_waits_in_line_with_the_clients_own_messages(
    polled_by_hand: BotSettings, telegram: FakeTelegram, api: StubApi, rasa: StubRasa
) -> None:
    rasa.canned[OFFER_PULSE] = SURVEY
    async with running_bridge(polled_by_hand) as app:
        bridge = bridge_of(app)
        telegram.send_text(521, "moi")
        await telegram.until(lambda: len(telegram.messages_to(521)) == 1)
        api.queue(sender(521), "", purpose="pulse", step="job_search_discussion")
        assert await bridge.outbox.poll(app.bot) == 1
        await telegram.until(lambda: len(telegram.messages_to(521)) == 3)
    assert rasa.messages() == ["moi", OFFER_PULSE]


async def test_a_purpose_not_handled_yet_stays_in_the_outbox(
    polled_by_hand: BotSettings,
    telegram: FakeTelegram,
    api: StubApi,
    rasa: StubRasa,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A purpose that is not in bot.outbox.DIALOGUES (a newer API's) is left for later."""
    async with running_bridge(polled_by_hand) as app:
        bridge = bridge_of(app)
        bridge.chats.remember(sender(522), 522)
        api.queue(sender(522), "", purpose="newsletter")
        with caplog.at_level(logging.WARNING, logger="bot.outbox"):
            assert await bridge.outbox.poll(app.bot) == 0
            assert await bridge.outbox.poll(app.bot) == 0
    assert [r.getMessage() for r in caplog.records if r.name == "bot.outbox"] == [
        "Outbox message 1: purpose 'newsletter' is not handled"
    ]
    assert api.delivered() == [] and rasa.received == [] and telegram.messages_to(522) == []


async def test_a_pilot_invitation_opens_its_dialogue_through_rasa(
    polled_by_hand: BotSettings, telegram: FakeTelegram, api: StubApi, rasa: StubRasa
) -> None:
    payload = '/pilot_invitation{"invitation_id": "inv-7"}'
    buttons = [{"title": "Kyllä", "payload": "/affirm"}, {"title": "Ei", "payload": "/deny"}]
    rasa.canned[payload] = [{"text": "Kutsu kokeiluun", "buttons": buttons}]
    async with running_bridge(polled_by_hand) as app:
        bridge = bridge_of(app)
        bridge.chats.remember(sender(513), 513)
        invitation = api.queue(
            sender(513), "Kokeilu…", purpose="pilot_invitation", pilot_invitation_id="inv-7"
        )
        assert await bridge.outbox.poll(app.bot) == 1
        await telegram.until(lambda: len(telegram.messages_to(513)) == 1)
        assert await bridge.outbox.poll(app.bot) == 0
        # Marked delivered once Rasa's replies are sent.
        await telegram.until(lambda: api.delivered() == [invitation], what="marked delivered")
    assert rasa.received == [(sender(513), payload, {})]
    assert api.delivered() == [invitation]
    [shown] = telegram.messages_to(513)
    assert shown["text"] == "Kutsu kokeiluun"  # Rasa's words, not the outbox's text
    assert "inline_keyboard" in str(shown["reply_markup"])


def test_the_payload_names_the_invitation() -> None:
    message = {"pilot_invitation_id": 'a"b'}
    assert pilot_invitation_payload(message) == '/pilot_invitation{"invitation_id": "a\\"b"}'
