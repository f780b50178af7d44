"""Proactive messages: the bridge delivers what the API's outbox holds for Telegram chats
and marks each one delivered.

What a message is for (its `purpose`, vocabulary.channels.OUTBOX_PURPOSES) says how: a
reminder is sent as its text; a pulse survey or a pilot invitation opens that dialogue in the
client's conversation (the bridge sends Rasa `/offer_pulse{"offer_kind": "after_meeting"}` or
`/pilot_invitation{"invitation_id": ...}` as the client's message, in turn with what the client
writes, and relays the replies), and is marked delivered once Rasa's replies are sent.
A message for a sender id the bridge has never seen stays queued in the API; so does one
that Telegram does not take for now (it is tried again at the next poll), and one whose
purpose this bridge does not handle yet.

With several bridges, each poll claims the messages it delivers (POST /outbox/claim, under
this bridge's name, TELEGRAM_INSTANCE): a message is another bridge's while that one holds
it, and what this bridge cannot deliver now it gives back at once (POST /outbox/release). A
dialogue handed to Rasa stays claimed, renewed at every poll, until it is marked delivered.
"""

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from telegram import Bot
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.chats import ChatDirectory

logger = logging.getLogger(__name__)

# Opens a dialogue: (chat id, the conversation's sender id, the payload for Rasa, what to do
# once Rasa's replies are delivered). bot.bridge queues it with the client's own messages.
OpenDialogue = Callable[[int, str, str, Callable[[], Awaitable[None]]], None]


def pulse_payload(message: dict[str, Any]) -> str:
    """The pulse survey after a held meeting: the API knows the meeting's step (it gives it
    when the action server asks for the offer), so the payload names only the kind."""
    return "/offer_pulse" + json.dumps({"offer_kind": "after_meeting"})


class OutboxClient:
    def __init__(
        self, client: httpx.AsyncClient, api_url: str, service_token: str, *, claimant: str
    ) -> None:
        self.client = client
        self.url = f"{api_url.rstrip('/')}/api/v1/outbox"
        self.headers = {"Authorization": f"Bearer {service_token}"}
        self.claimant = claimant

    async def pending(self) -> list[dict[str, Any]]:
        """The waiting messages this bridge now holds (no other bridge gets them meanwhile)."""
        reply = await self.client.post(
            f"{self.url}/claim",
            json={"channel": "telegram", "claimant": self.claimant},
            headers=self.headers,
        )
        reply.raise_for_status()
        messages: list[dict[str, Any]] = reply.json()
        return messages

    async def release(self, message_ids: list[int]) -> None:
        """Gives these back: another bridge may deliver them at once."""
        reply = await self.client.post(
            f"{self.url}/release",
            json={"claimant": self.claimant, "ids": message_ids},
            headers=self.headers,
        )
        reply.raise_for_status()

    async def delivered(self, message_id: int) -> None:
        reply = await self.client.post(f"{self.url}/{message_id}/delivered", headers=self.headers)
        reply.raise_for_status()


class OutboxDelivery:
    """What one poll of the outbox does (bot.app runs it on the job queue, one poll at a time).

    A message Telegram refuses for good (the client blocked the bot, the chat is gone) is left
    in the outbox and not tried again by this process; a message still failing after the
    limiter's retries is tried again at the next poll. While the API cannot be reached, that
    is logged once per streak of failed polls, not every few seconds."""

    def __init__(self, outbox: OutboxClient, chats: ChatDirectory) -> None:
        self.outbox = outbox
        self.chats = chats
        self.refused: set[int] = set()
        self.failing = False
        # Set by bot.bridge: how a dialogue is opened. Dialogues handed over and not yet
        # answered are not handed over again; nor are purposes not handled (logged once).
        self.open_dialogue: OpenDialogue | None = None
        self.in_dialogue: set[int] = set()
        self.unhandled: set[int] = set()

    async def poll(self, bot: Bot) -> int:
        """Sends what is waiting for known chats; the number delivered (or, for a dialogue,
        handed to Rasa)."""
        delivered = 0
        try:
            given_back = []
            for message in await self.outbox.pending():
                sent = await self._deliver(bot, message)
                if not sent and message["id"] not in self.in_dialogue:
                    given_back.append(message["id"])
                delivered += sent
            if given_back:
                await self.outbox.release(given_back)
        except httpx.HTTPError as error:
            if not self.failing:
                logger.warning("Outbox: the API cannot be reached (%s)", type(error).__name__)
            self.failing = True
            return delivered
        self.failing = False
        return delivered

    async def _deliver(self, bot: Bot, message: dict[str, Any]) -> int:
        chat_id = self.chats.chat_of(message["conversation_key"])
        if chat_id is None or message["id"] in self.refused:
            return 0
        purpose = message.get("purpose") or "reminder"
        if purpose != "reminder":
            return self._dialogue(chat_id, message, purpose)
        try:
            await bot.send_message(chat_id, message["text"])
        except (Forbidden, BadRequest) as error:
            logger.warning("Outbox message %s refused by Telegram: %s", message["id"], error)
            self.refused.add(message["id"])
            return 0
        except TelegramError as error:
            logger.warning("Outbox message %s not delivered yet: %s", message["id"], error)
            return 0
        # If marking fails, the message is sent again at a later poll: at least once.
        await self.outbox.delivered(message["id"])
        return 1

    def _dialogue(self, chat_id: int, message: dict[str, Any], purpose: str) -> int:
        message_id = message["id"]
        payload = DIALOGUES.get(purpose)
        if payload is None or self.open_dialogue is None:
            if message_id not in self.unhandled:
                logger.warning("Outbox message %s: purpose %r is not handled", message_id, purpose)
                self.unhandled.add(message_id)
            return 0
        if message_id in self.in_dialogue:
            return 0

        async def answered() -> None:
            # Open until it is marked, so that a poll meanwhile does not open it twice; if
            # marking fails, a later poll opens it again (at least once; the API offers the
            # survey of a meeting only once).
            try:
                await self.outbox.delivered(message_id)
            finally:
                self.in_dialogue.discard(message_id)

        self.in_dialogue.add(message_id)
        self.open_dialogue(chat_id, message["conversation_key"], payload(message), answered)
        return 1


def pilot_invitation_payload(message: dict[str, Any]) -> str:
    """What Rasa is sent for an outbox message with purpose "pilot_invitation"."""
    return "/pilot_invitation" + json.dumps({"invitation_id": message["pilot_invitation_id"]})


# The purposes that open a dialogue in Rasa, and the payload each sends (keys are
# vocabulary.channels.OUTBOX_PURPOSES; tests/bot/test_outbox.py checks).
DIALOGUES: dict[str, Callable[[dict[str, Any]], str]] = {
    "pulse": pulse_payload,
    "pilot_invitation": pilot_invitation_payload,
}
