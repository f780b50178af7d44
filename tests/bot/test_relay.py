"""bot.relay: per chat, one message at a time, in order, and none lost while Rasa is down.

The unit tests give the relay a Rasa that fails as told and a sleep that only records (no
waiting); the last test runs the bridge against the stand-in Rasa, stopped and started."""

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.rasa_client import RasaUnavailable
from bot.relay import ChatRelay, Pending, Rasa
from bot.settings import BotSettings
from bot.waiting import WaitingStore
from tests.bot.conftest import running_bridge
from tests.bot.fake_telegram import FakeTelegram
from tests.bot.stubs import StubRasa

pytestmark = pytest.mark.anyio


class ScriptedRasa:
    """Raises the given errors, in order, then echoes."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.received: list[str] = []

    async def send(
        self, sender: str, message: str, metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        self.received.append(message)
        if self.errors:
            raise self.errors.pop(0)
        return [{"text": f"echo: {message}"}]


class Recorder:
    def __init__(self) -> None:
        self.delivered: list[tuple[int, str, list[dict[str, Any]]]] = []
        self.notified: list[int] = []
        self.waits: list[float] = []
        self._changed = asyncio.Condition()

    async def deliver(self, message: Pending, replies: list[dict[str, Any]]) -> None:
        async with self._changed:
            self.delivered.append((message.chat_id, message.text, replies))
            self._changed.notify_all()

    async def until_delivered(self, count: int) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(self.delivered) >= count), 5)

    async def notify(self, message: Pending) -> None:
        self.notified.append(message.chat_id)

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        await asyncio.sleep(0)  # lets the other chats' workers run


def relay_with(rasa: Rasa, recorder: Recorder, store: WaitingStore | None = None) -> ChatRelay:
    return ChatRelay(
        rasa,
        deliver=recorder.deliver,
        notify_unavailable=recorder.notify,
        retry_first=1,
        retry_most=4,
        sleep=recorder.sleep,
        store=store,
    )


class DownRasa:
    """Rasa that never answers (the bridge is stopped while it is down)."""

    async def send(
        self, sender: str, message: str, metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        raise RasaUnavailable("ConnectError")


async def test_a_message_is_on_disk_until_rasa_takes_it(tmp_path: Path) -> None:
    store = WaitingStore(tmp_path / "waiting.db", "key")
    rasa, recorder = ScriptedRasa(RasaUnavailable("x")), Recorder()
    relay = relay_with(rasa, recorder, store)
    relay.submit(Pending(1, "tg-a", "odottaa"))
    assert [w.text for w in store.all()] == ["odottaa"]
    await recorder.until_delivered(1)
    assert store.all() == []
    await relay.close()


async def test_what_waited_when_the_bridge_stopped_goes_to_rasa_after_the_restart(
    tmp_path: Path,
) -> None:
    recorder = Recorder()
    stopped = relay_with(DownRasa(), recorder, WaitingStore(tmp_path / "waiting.db", "key"))
    stopped.submit(Pending(1, "tg-a", "yksi", {"k": "v"}))
    stopped.submit(Pending(1, "tg-a", "kaksi"))
    stopped.submit(Pending(2, "tg-b", "muualla"))
    await asyncio.sleep(0)
    await stopped.close()  # as a crash would: nothing answered

    rasa = ScriptedRasa()
    store = WaitingStore(tmp_path / "waiting.db", "key")
    restarted = relay_with(rasa, recorder, store)
    assert restarted.restore() == 3
    await recorder.until_delivered(3)
    assert sorted(rasa.received) == ["kaksi", "muualla", "yksi"]
    assert [t for c, t, _ in recorder.delivered if c == 1] == ["yksi", "kaksi"]  # in order
    assert store.all() == []
    await restarted.close()


async def test_an_outbox_message_is_not_kept_twice(tmp_path: Path) -> None:
    """The API's outbox keeps it until it is marked delivered; the bridge does not."""
    store = WaitingStore(tmp_path / "waiting.db", "key")

    async def answered() -> None:
        return None

    relay = relay_with(DownRasa(), Recorder(), store)
    relay.submit(Pending(1, "tg-a", "/pulse_offer", on_answered=answered))
    assert store.all() == []
    await relay.close()


async def test_while_rasa_is_down_the_client_is_told_once_and_the_message_waits() -> None:
    rasa, recorder = ScriptedRasa(*[RasaUnavailable("ConnectError") for _ in range(5)]), Recorder()
    relay = relay_with(rasa, recorder)
    relay.submit(Pending(1, "tg-a", "toinen"))
    relay.submit(Pending(1, "tg-a", "kolmas"))
    await recorder.until_delivered(2)
    assert recorder.waits == [1, 2, 4, 4, 4]  # backed off, doubling up to the most
    assert recorder.notified == [1]  # once, not at every retry
    assert [text for _, text, _ in recorder.delivered] == ["toinen", "kolmas"]  # in order
    assert rasa.received == ["toinen"] * 6 + ["kolmas"]
    await relay.close()


async def test_after_an_outage_the_next_one_is_told_again() -> None:
    rasa, recorder = ScriptedRasa(RasaUnavailable("HTTP 503")), Recorder()
    relay = relay_with(rasa, recorder)
    relay.submit(Pending(1, "tg-a", "yksi"))
    await recorder.until_delivered(1)
    rasa.errors = [RasaUnavailable("HTTP 503")]
    relay.submit(Pending(1, "tg-a", "kaksi"))
    await recorder.until_delivered(2)
    assert recorder.notified == [1, 1]
    await relay.close()


async def test_each_chat_is_told_on_its_own_and_waits_for_no_other() -> None:
    rasa, recorder = ScriptedRasa(RasaUnavailable("x"), RasaUnavailable("x")), Recorder()
    relay = relay_with(rasa, recorder)
    relay.submit(Pending(1, "tg-a", "täällä"))
    relay.submit(Pending(2, "tg-b", "muualla"))
    await recorder.until_delivered(2)
    assert sorted(recorder.notified) == [1, 2]
    assert {chat for chat, _, _ in recorder.delivered} == {1, 2}
    await relay.close()


async def test_a_refused_message_is_dropped_and_the_next_goes_on() -> None:
    request = httpx.Request("POST", "http://rasa.invalid")
    refused = httpx.HTTPStatusError("400", request=request, response=httpx.Response(400))
    rasa, recorder = ScriptedRasa(refused, ValueError("not JSON")), Recorder()
    relay = relay_with(rasa, recorder)
    for text in ("huono", "rikki", "hyvä"):
        relay.submit(Pending(1, "tg-a", text))
    await recorder.until_delivered(1)
    assert [text for _, text, _ in recorder.delivered] == ["hyvä"]
    assert (recorder.notified, recorder.waits) == ([], [])
    await relay.close()


async def test_rasa_stopped_and_started_again_loses_nothing(
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

        rasa.server.start()
        await telegram.until(lambda: len(telegram.messages_to(506)) == 4)
        await telegram.until(lambda: len(telegram.messages_to(507)) == 2)
    assert telegram.texts_to(506)[2:] == ["echo: toinen", "echo: kolmas"]  # in order
    assert telegram.texts_to(507)[1] == "echo: muualla"
    assert rasa.messages().count("toinen") == 1


async def test_a_bridge_restarted_while_rasa_is_down_loses_nothing(
    settings: BotSettings, telegram: FakeTelegram, rasa: StubRasa
) -> None:
    rasa.server.stop()
    async with running_bridge(settings):
        telegram.send_text(508, "odota")
        await telegram.until(lambda: len(telegram.messages_to(508)) == 1)  # told: not available
    rasa.server.start()
    async with running_bridge(settings):
        await telegram.until(lambda: len(telegram.messages_to(508)) == 2)
    assert telegram.texts_to(508)[1] == "echo: odota"
    assert rasa.messages().count("odota") == 1
