"""Per chat, the client's messages go to Rasa one at a time, in order, and none is lost.

Handlers only queue a message (`submit`) and return, so one slow chat holds up no other.
Each chat with messages waiting has one worker task. While Rasa is down, the worker tries
the message again (tenacity) after 1, 2, 4 … at most 30 s (settings), and the client is told
once that the assistant is not available; when Rasa answers, the replies are delivered, then
the next message waiting. A client's message is also kept on disk until Rasa has taken it
(bot.waiting, encrypted), and `restore` queues those again after a restart or a crash.
Messages that come from the API's outbox are not: the outbox keeps them until delivered.
"""

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import httpx
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_never,
    wait_exponential,
)

from bot.rasa_client import RasaUnavailable
from bot.waiting import WaitingStore

logger = logging.getLogger(__name__)

MAX_WAITING_PER_CHAT = 100


@dataclass(frozen=True)
class Pending:
    chat_id: int
    sender: str
    text: str
    metadata: dict[str, Any] | None = None
    # Called once Rasa's replies are delivered (an outbox message is then marked delivered).
    on_answered: Callable[[], Awaitable[None]] | None = None
    # Its row in the WaitingStore, deleted when Rasa has taken the message.
    waiting_id: int | None = None


class Rasa(Protocol):
    """What the relay needs of bot.rasa_client.RasaClient."""

    async def send(
        self, sender: str, message: str, metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]: ...


Deliver = Callable[[Pending, list[dict[str, Any]]], Awaitable[None]]
Notify = Callable[[Pending], Awaitable[None]]
Sleep = Callable[[float], Awaitable[None]]


@dataclass
class ChatRelay:
    rasa: Rasa
    deliver: Deliver  # the replies to a message, in order
    notify_unavailable: Notify  # once per outage and chat
    retry_first: float = 1.0
    retry_most: float = 30.0
    sleep: Sleep = asyncio.sleep
    store: WaitingStore | None = None
    _waiting: dict[int, deque[Pending]] = field(default_factory=dict)
    _workers: dict[int, asyncio.Task[None]] = field(default_factory=dict)
    _told: set[int] = field(default_factory=set)

    def submit(self, message: Pending) -> None:
        waiting = self._waiting.setdefault(message.chat_id, deque())
        if len(waiting) >= MAX_WAITING_PER_CHAT:
            logger.warning("Too many messages waiting for one chat: one dropped")
            return
        if self.store is not None and message.on_answered is None and message.waiting_id is None:
            waiting_id = self.store.add(
                message.chat_id, message.sender, message.text, message.metadata
            )
            message = replace(message, waiting_id=waiting_id)
        waiting.append(message)
        if message.chat_id not in self._workers:
            self._workers[message.chat_id] = asyncio.create_task(self._work(message.chat_id))

    def restore(self) -> int:
        """Queues again what was waiting when the bridge stopped; how many."""
        if self.store is None:
            return 0
        kept = self.store.all()
        for item in kept:
            self.submit(
                Pending(item.chat_id, item.sender, item.text, item.metadata, waiting_id=item.id)
            )
        return len(kept)

    def waiting(self) -> int:
        return sum(len(queue) for queue in self._waiting.values())

    async def _work(self, chat_id: int) -> None:
        waiting = self._waiting[chat_id]
        try:
            while waiting:
                message = waiting[0]  # stays queued until answered
                replies = await self._exchange(message)
                waiting.popleft()
                # Taken by Rasa, so deleted before the replies go out: a crash from here on
                # loses at most the replies (Rasa's tracker has them). Only a crash in the
                # instant between Rasa's answer and this line sends the message again.
                if self.store is not None and message.waiting_id is not None:
                    self.store.remove(message.waiting_id)
                if replies is not None:
                    try:
                        await self.deliver(message, replies)
                        if message.on_answered is not None:
                            await message.on_answered()
                    except Exception:  # Telegram gave up: the next message still goes on
                        logger.exception("Delivering Rasa's replies failed")
        finally:
            # No await between the last check and here: submit() sees either this worker
            # or none, never a worker that is about to end.
            del self._workers[chat_id]
            if not waiting:
                del self._waiting[chat_id]

    async def _exchange(self, message: Pending) -> list[dict[str, Any]] | None:
        """Rasa's replies, however long Rasa is down; None when it refuses the message."""

        async def unavailable(state: RetryCallState) -> None:
            error = state.outcome.exception() if state.outcome else None
            wait = state.next_action.sleep if state.next_action else 0.0
            level = logging.WARNING if state.attempt_number == 1 else logging.DEBUG
            logger.log(level, "Rasa unavailable (%s): retrying in %.1f s", error, wait)
            await self._tell_once(message)

        retrying = AsyncRetrying(
            retry=retry_if_exception_type(RasaUnavailable),
            stop=stop_never,
            wait=wait_exponential(multiplier=self.retry_first, max=self.retry_most),
            sleep=self.sleep,
            before_sleep=unavailable,
        )
        try:
            replies: list[dict[str, Any]] = await retrying(
                self.rasa.send, message.sender, message.text, message.metadata
            )
        except httpx.HTTPError as error:  # a 4xx: trying again won't help
            logger.error("Rasa refused a message: %s", error)
            return None
        except Exception:  # not Rasa's usual answer: dropped rather than retried forever
            logger.exception("Rasa's answer could not be read")
            return None
        self._told.discard(message.chat_id)
        return replies

    async def _tell_once(self, message: Pending) -> None:
        if message.chat_id in self._told:
            return
        self._told.add(message.chat_id)
        try:
            await self.notify_unavailable(message)
        except Exception:
            logger.exception("Telling the client that Rasa is down failed")

    async def close(self) -> None:
        """Stops the workers (at shutdown); what is still waiting stays in the store."""
        if self.waiting():
            logger.warning("Shutting down with %d messages not yet answered", self.waiting())
        workers = list(self._workers.values())
        for worker in workers:
            worker.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
