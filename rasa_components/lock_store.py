"""Rasa's Redis lock store, made safe for several Rasa servers and for one that dies.

Each message of a conversation takes a numbered ticket in the conversation's lock (one Redis
key) and waits until its ticket is the first one still valid; a ticket is valid for
TICKET_LOCK_LIFETIME seconds (Rasa's default 60), so that a server that died while holding one
holds its conversation up no longer than that. Rasa 3.6's RedisLockStore has two faults that
the production profile's kill test (tests/deploy) runs into:

- it reads the lock, changes it and writes it back without a transaction, so two servers that
  take tickets at the same moment can get the same number, or one's ticket can be overwritten
  and lost;
- a message whose own ticket runs out while it waits (the one before it was held by a server
  that was killed, and ran out a moment earlier) waits for ever: Rasa only ever serves a ticket
  that is still there.

Here every change of a lock is one Redis transaction (WATCH, then MULTI/EXEC, tried again if
another server changed the lock meanwhile), an emptied lock is deleted in the same
transaction, and a waiting message whose ticket ran out takes a new one, behind the tickets
still valid. The rest is Rasa's RedisLockStore. endpoints.production.yml names this class.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncGenerator, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.exceptions import WatchError

logger = logging.getLogger(__name__)
T = TypeVar("T")


def holds(lock: TicketLock, ticket: int) -> bool:
    """Whether `ticket` is still in the lock and valid."""
    return any(t.number == ticket and not t.has_expired() for t in lock.tickets)


class SafeRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        """Rasa builds a lock store named by its module path from its endpoint config."""
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    def _change(self, conversation_id: str, change: Callable[[TicketLock], T]) -> T:
        """Applies `change` to the conversation's lock in one transaction; what it returned.
        A lock left without tickets is deleted."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    stored = pipe.get(key)
                    lock = (
                        TicketLock.from_dict(json.loads(stored))
                        if stored
                        else TicketLock(conversation_id)
                    )
                    result = change(lock)
                    lock.remove_expired_tickets()
                    pipe.multi()
                    if lock.tickets:
                        pipe.set(key, lock.dumps())
                    else:
                        pipe.delete(key)
                    pipe.execute()
                    return result
                except WatchError:  # another server changed it meanwhile: read it again
                    continue

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            number: int = self._change(
                conversation_id, lambda lock: lock.issue_ticket(lock_lifetime)
            )
        except Exception as error:  # as Rasa's: the message is not handled, and says why
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error
        return number

    def update_lock(self, conversation_id: str) -> None:
        self._change(conversation_id, lambda lock: lock.remove_expired_tickets())

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number))

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """The ticket goes; a lock that nobody waits for any more goes with it (one step)."""
        self.finish_serving(conversation_id, ticket_number)

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = 1,
    ) -> AsyncGenerator[TicketLock, None]:
        ticket = [self.issue_ticket(conversation_id, lock_lifetime)]
        try:
            yield await self._wait_for_turn(
                conversation_id, ticket, lock_lifetime, wait_time_in_seconds
            )
        finally:
            self.cleanup(conversation_id, ticket[0])

    async def _wait_for_turn(
        self,
        conversation_id: str,
        ticket: list[int],
        lock_lifetime: float,
        wait_time_in_seconds: float,
    ) -> TicketLock:
        """Until `ticket[0]` is the first valid ticket; a new one when it ran out."""
        while True:
            lock = self.get_lock(conversation_id)
            if lock is not None and holds(lock, ticket[0]) and not lock.is_locked(ticket[0]):
                return lock
            if lock is None or not holds(lock, ticket[0]):
                logger.warning(
                    "A message's lock ticket ran out while it waited: it takes a new one"
                )
                ticket[0] = self.issue_ticket(conversation_id, lock_lifetime)
                continue
            await asyncio.sleep(wait_time_in_seconds)
            self.update_lock(conversation_id)
