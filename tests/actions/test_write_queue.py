"""The write queue: kept encrypted, delivered in order per conversation, retried with backoff,
deleted once delivered. A clock moved by hand; nothing sleeps."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from actions.write_queue import Backoff, Delivery, Write, WriteQueue, conversation_of

pytestmark = pytest.mark.anyio
SECRET = "a queue key for the tests, long enough"
ALICE = conversation_of("rest-alice")
BOB = conversation_of("tg-bob")


class Clock:
    def __init__(self) -> None:
        self.moment = 1_000_000.0

    def now(self) -> float:
        return self.moment

    def advance(self, seconds: float) -> None:
        self.moment += seconds


def write(text: str, key: str = "") -> Write:
    return Write(
        "POST",
        "/api/v1/conversations/rest-alice/meeting/answers",
        None,
        {"section": "goals", "text": text},
        key or f"key-{text}",
        "/api/v1/conversations/{conversation_key}/meeting/answers",
    )


class Api:
    """Answers each delivered write with the next status of `statuses` (200 when none)."""

    def __init__(self) -> None:
        self.received: list[Write] = []
        self.statuses: list[int | None] = []

    async def send(self, item: Write) -> int | None:
        self.received.append(item)
        return self.statuses.pop(0) if self.statuses else 200

    def texts(self) -> list[str]:
        return [str(item.json["text"]) for item in self.received]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def queue(tmp_path: Path, clock: Clock) -> Iterator[WriteQueue]:
    opened = WriteQueue(tmp_path / "queue.db", SECRET, clock.now)
    yield opened
    opened.close()


@pytest.fixture
def api() -> Api:
    return Api()


NO_JITTER = Backoff(initial=1.0, maximum=60.0, jitter=1.0, uniform=lambda low, high: 0.0)


@pytest.fixture
def delivery(queue: WriteQueue, api: Api) -> Delivery:
    return Delivery(queue, api.send, NO_JITTER)


def test_the_clients_words_are_encrypted_at_rest(tmp_path: Path, queue: WriteQueue) -> None:
    queue.add(ALICE, write("Matti Meikäläinen haluaa töihin"))
    queue.close()
    stored = b"".join(path.read_bytes() for path in tmp_path.iterdir())
    assert b"Meik" not in stored and b"rest-alice" not in stored
    assert b"meeting/answers" in stored  # the route's template only, for the logs


def test_kept_writes_survive_a_restart_in_order(tmp_path: Path, clock: Clock) -> None:
    first = WriteQueue(tmp_path / "queue.db", SECRET, clock.now)
    first.add(ALICE, write("one"))
    first.add(BOB, write("bob"))
    first.add(ALICE, write("two"))
    first.close()
    again = WriteQueue(tmp_path / "queue.db", SECRET, clock.now)
    assert again.waiting(ALICE) == 2 and again.waiting(BOB) == 1 and again.total() == 3
    oldest = again.oldest(ALICE)
    assert oldest is not None and oldest.write == write("one")
    again.close()


async def test_a_conversations_writes_are_delivered_in_order_and_deleted(
    queue: WriteQueue, delivery: Delivery, api: Api, tmp_path: Path
) -> None:
    for text in ("one", "two", "three"):
        queue.add(ALICE, write(text))
    queue.add(BOB, write("bob"))
    assert await delivery.deliver_due() == 0
    assert api.texts() == ["one", "two", "three", "bob"]
    assert [item.key for item in api.received[:3]] == ["key-one", "key-two", "key-three"]
    assert queue.oldest(ALICE) is None and queue.total() == 0
    queue.close()
    # Deleted, not only marked: a new file has no row left (secure_delete overwrote them).
    check = WriteQueue(tmp_path / "queue.db", SECRET, lambda: 0.0)
    assert check.open().execute("SELECT COUNT(*) FROM writes").fetchone() == (0,)
    check.close()


async def test_a_failure_stops_the_conversation_and_waits_longer_each_time(
    queue: WriteQueue, delivery: Delivery, api: Api, clock: Clock
) -> None:
    queue.add(ALICE, write("one"))
    queue.add(ALICE, write("two"))
    queue.add(BOB, write("bob"))
    api.statuses = [None, 200]  # Alice's first: unreachable; Bob's: delivered
    assert await delivery.deliver_due() == 2
    assert api.texts() == ["one", "bob"]  # Alice's second never overtakes her first
    # Waits: 1 s after the first failure (initial * 2**0), then 2, 4, 8 ...
    for wait, status in ((1.0, 503), (2.0, None), (4.0, 500)):
        clock.advance(wait - 0.001)
        sent = len(api.received)
        await delivery.deliver_due()
        assert len(api.received) == sent  # not due yet: not tried
        clock.advance(0.001)
        api.statuses = [status]
        await delivery.deliver_due()
        assert api.texts()[-1] == "one"
    clock.advance(8.0)
    await delivery.deliver_due()
    assert api.texts()[-3:] == ["one", "one", "two"]
    assert queue.total() == 0


async def test_a_refusal_ends_the_write_and_the_next_one_goes(
    queue: WriteQueue, delivery: Delivery, api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    queue.add(ALICE, write("too late"))
    queue.add(ALICE, write("next"))
    api.statuses = [409]
    await delivery.deliver_due()
    assert api.texts() == ["too late", "next"]
    assert queue.total() == 0
    assert "refused" in caplog.text and "too late" not in caplog.text  # never the content


async def test_rate_limits_and_timeouts_from_the_api_are_tried_again(
    queue: WriteQueue, delivery: Delivery, api: Api, clock: Clock
) -> None:
    queue.add(ALICE, write("one"))
    api.statuses = [429, 408]
    await delivery.deliver_due()
    clock.advance(1.0)
    await delivery.deliver_due()
    clock.advance(2.0)
    await delivery.deliver_due()
    assert api.texts() == ["one", "one", "one"] and queue.total() == 0


async def test_a_write_not_due_is_not_flushed_by_a_call(
    queue: WriteQueue, delivery: Delivery, api: Api, clock: Clock
) -> None:
    queue.add(ALICE, write("one"), due_at=clock.now() + 5)
    assert await delivery.flush(ALICE) is False
    assert api.received == []
    clock.advance(5)
    assert await delivery.flush(ALICE) is True
    assert api.texts() == ["one"]


def test_a_write_kept_with_another_key_is_dropped(
    tmp_path: Path, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    first = WriteQueue(tmp_path / "queue.db", SECRET, clock.now)
    first.add(ALICE, write("one"))
    first.close()
    other = WriteQueue(tmp_path / "queue.db", "another key, long enough too", clock.now)
    assert other.oldest(ALICE) is None
    assert other.total() == 0
    assert "cannot be decrypted" in caplog.text
    other.close()


def test_the_backoff_is_tenacitys_exponential_with_jitter() -> None:
    draws: list[tuple[float, float]] = []

    def uniform(low: float, high: float) -> float:
        draws.append((low, high))
        return high / 2

    backoff = Backoff(initial=1.0, maximum=60.0, jitter=1.0, uniform=uniform)
    assert [backoff.delay(n) for n in range(8)] == [1.5, 2.5, 4.5, 8.5, 16.5, 32.5, 60.0, 60.0]
    assert set(draws) == {(0, 1.0)}
    assert Backoff().delay(10_000) == 60.0  # no overflow however long it waited


async def test_the_loop_delivers_when_due_and_when_woken(
    queue: WriteQueue, delivery: Delivery, api: Api, clock: Clock
) -> None:
    """The loop's sleeps are the test's: each one moves the clock instead of waiting."""
    pauses: list[float] = []
    rounds = asyncio.Event()

    async def sleep(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 1:  # after the first round: a write comes, and wakes the loop
            queue.add(BOB, write("bob"))
        elif len(pauses) == 2:
            clock.advance(seconds)  # the failed one is due again
        else:
            rounds.set()
            await asyncio.Event().wait()  # until cancelled

    queue.add(ALICE, write("one"))
    api.statuses = [None]
    task = asyncio.create_task(delivery.run(sleep))
    await asyncio.wait_for(rounds.wait(), timeout=10)
    task.cancel()
    assert pauses[0] == 1.0  # until Alice's first retry
    assert api.texts() == ["one", "bob", "one"]
    assert pauses[-1] == NO_JITTER.maximum  # nothing waits: the longest pause
    assert queue.total() == 0


async def test_the_loop_survives_an_error_and_keeps_the_writes(
    queue: WriteQueue, clock: Clock
) -> None:
    async def broken(item: Write) -> int | None:
        raise RuntimeError("a bug")

    pauses: list[float] = []
    done = asyncio.Event()

    async def sleep(seconds: float) -> None:
        pauses.append(seconds)
        done.set()
        await asyncio.Event().wait()

    queue.add(ALICE, write("one"))
    task = asyncio.create_task(Delivery(queue, broken, NO_JITTER).run(sleep))
    await asyncio.wait_for(done.wait(), timeout=10)
    task.cancel()
    assert pauses == [NO_JITTER.maximum]
    assert queue.waiting(ALICE) == 1
