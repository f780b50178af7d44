"""rasa_components.lock_store against a real Redis (127.0.0.1:6379; fails, never skips, when
it is not running): two "servers" (two stores on one Redis) taking tickets at the same moment
never get the same number; a message behind a server that died holding its ticket gets its
turn even when its own ticket runs out while it waits (Rasa 3.6's store waits for ever then);
one conversation's messages are handled one after the other across the servers."""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections.abc import Iterator

import pytest
from rasa.core.lock_store import RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from rasa_components.lock_store import SafeRedisLockStore

pytestmark = [pytest.mark.redis, pytest.mark.anyio]
DB = 0


@pytest.fixture
def prefix() -> Iterator[str]:
    """Keys of this test only; deleted afterwards (the Redis is shared)."""
    name = f"locktest{uuid.uuid4().hex[:10]}"
    yield name
    store = SafeRedisLockStore(EndpointConfig(url="127.0.0.1", port=6379, db=DB))
    for key in store.red.scan_iter(f"{name}:*"):
        store.red.delete(key)


def server(prefix: str) -> SafeRedisLockStore:
    """One Rasa server's store, as endpoints.production.yml makes it."""
    store = SafeRedisLockStore(EndpointConfig(url="127.0.0.1", port=6379, db=DB, key_prefix=prefix))
    store.red.ping()  # Redis is there: raises if not
    return store


def test_tickets_taken_at_the_same_moment_by_two_servers_are_all_different(prefix: str) -> None:
    first, second = server(prefix), server(prefix)
    start = threading.Barrier(2)
    numbers: list[int] = []

    def take(store: SafeRedisLockStore) -> None:
        start.wait(timeout=10)
        for _ in range(100):
            numbers.append(store.issue_ticket("conversation", 60))

    threads = [threading.Thread(target=take, args=(store,)) for store in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(numbers) == list(range(200))  # none twice, none lost
    lock = first.get_lock("conversation")
    assert lock is not None and len(lock.tickets) == 200


async def test_a_message_behind_a_dead_servers_ticket_gets_its_turn(prefix: str) -> None:
    """Both tickets live as long; the waiting message's was taken a moment after the dead
    server's, so both have run out when it next looks (a second later): Rasa's own store then
    serves neither and the message waits for ever (as after a client sent a message again at
    once when the server handling it was killed)."""
    dead, alive = server(prefix), server(prefix)
    dead.issue_ticket("conversation", 1.0)  # taken, never given back: the server was killed

    async def handle() -> float:
        async with alive.lock("conversation", lock_lifetime=1.0, wait_time_in_seconds=1):
            return time.monotonic()

    started = time.monotonic()
    served = await asyncio.wait_for(handle(), timeout=15)
    assert served - started < 5
    assert alive.get_lock("conversation") is None  # nobody waits: the lock is gone


async def test_rasas_own_store_waits_for_ever_there(prefix: str) -> None:
    """Why the class exists: the same case with Rasa 3.6's RedisLockStore."""
    dead = RedisLockStore(host="127.0.0.1", port=6379, db=DB, key_prefix=prefix)
    dead.issue_ticket("conversation", 1.0)

    async def handle() -> None:
        async with dead.lock("conversation", lock_lifetime=1.0, wait_time_in_seconds=1):
            pass

    with pytest.raises(TimeoutError):
        await asyncio.wait_for(handle(), timeout=6)


async def test_one_conversations_messages_are_handled_one_after_the_other(prefix: str) -> None:
    servers = [server(prefix), server(prefix)]
    handled: list[tuple[int, str]] = []

    async def message(number: int) -> None:
        store = servers[number % 2]
        async with store.lock("conversation", lock_lifetime=30, wait_time_in_seconds=0.05):
            handled.append((number, "start"))
            await asyncio.sleep(0.05)  # the work, while others wait
            handled.append((number, "end"))

    await asyncio.gather(*(message(n) for n in range(6)))
    # Each message's start is followed by its own end: never two at once.
    assert [kind for _, kind in handled] == ["start", "end"] * 6
    assert all(handled[i][0] == handled[i + 1][0] for i in range(0, 12, 2))
    assert servers[0].get_lock("conversation") is None
