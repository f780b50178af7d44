"""The action server's HTTP client of the API. The session is made on first use, not at import.

Every write carries its idempotency key (actions/idempotency.py). A write of a `queued`
route that cannot reach the API is kept in the write queue (actions/write_queue.py) and its
reply says so (`queued`); while a conversation has writes waiting, its calls first deliver
them if they are due, and its queued writes line up behind them, so they keep their order.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import aiohttp

from actions import api_routes as routes
from actions import idempotency
from actions.api_routes import Route
from actions.settings import ActionSettings, get_settings
from actions.write_queue import Backoff, Delivery, Write, WriteQueue, conversation_of
from vocabulary.idempotency import HEADER

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ApiReply:
    status: int | None  # None: the API could not be reached
    body: dict[str, Any] | None
    items: list[Any] | None = None  # a reply that is a JSON list
    # The API could not take the write: it waits in the write queue, to be delivered later.
    queued: bool = False
    # ... behind earlier writes of the conversation that wait too (the client knows).
    behind: bool = False

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def reason(self) -> str | None:
        """The API's machine-readable reason of a refusal (`{"detail": {"reason": ...}}`)."""
        detail = (self.body or {}).get("detail")
        return str(detail.get("reason")) if isinstance(detail, dict) else None


class ApiClient:
    def __init__(self, settings: ActionSettings, queue: WriteQueue | None = None) -> None:
        self.settings = settings
        self._session: aiohttp.ClientSession | None = None
        self.queue = queue
        backoff = Backoff(settings.write_retry_initial_seconds, settings.write_retry_max_seconds)
        self.delivery = None if queue is None else Delivery(queue, self._deliver, backoff)

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                base_url=self.settings.api_url,
                headers={
                    "Authorization": f"Bearer {self.settings.service_token.get_secret_value()}"
                },
                timeout=aiohttp.ClientTimeout(total=self.settings.api_timeout_seconds),
            )
        return self._session

    async def call(self, route: Route, path: str, **kwargs: Any) -> ApiReply:
        """Send a request; the status and JSON body, or status None when the API is unreachable.

        The conversation must go on when the API is down, so failures are logged, not raised.
        """
        run = idempotency.CURRENT.get()
        lane = conversation_of(run.sender_id if run is not None else "")
        waiting = self.queue is not None and self.queue.waiting(lane) > 0
        if waiting and self.delivery is not None:  # deliver the earlier writes first
            waiting = not await self.delivery.flush(lane)
        if route.method == "GET":
            return await self._send(route, path, **kwargs)
        key = idempotency.key_for(run, route.method, path, kwargs.get("json"), route.key_fields)
        if waiting and route.queued:
            return self._keep(lane, route, path, key, kwargs, behind=True)
        reply = await self._send(route, path, headers={HEADER: key}, **kwargs)
        if reply.status is None and route.queued and self.queue is not None:
            return self._keep(lane, route, path, key, kwargs, behind=waiting)
        return reply

    def waiting_writes(self, conversation_key: str) -> int:
        """How many writes of the conversation wait in this action server's queue."""
        return 0 if self.queue is None else self.queue.waiting(conversation_of(conversation_key))

    def _keep(
        self, lane: str, route: Route, path: str, key: str, kwargs: dict[str, Any], behind: bool
    ) -> ApiReply:
        assert self.queue is not None and self.delivery is not None  # noqa: S101 - by call
        write = Write(route.method, path, kwargs.get("params"), kwargs.get("json"), key, route.path)
        # Tried just now (or waiting behind one that was): the first retry after a pause.
        self.queue.add(lane, write, due_at=self.queue.now() + self.delivery.backoff.delay(0))
        self.delivery.wake.set()
        logger.warning("API call %s %s queued for later delivery", route.method, route.path)
        return ApiReply(None, None, queued=True, behind=behind)

    async def _deliver(self, write: Write) -> int | None:
        """Send a queued write again, with its key: the API's status, or None (unreachable)."""
        try:
            async with self._client().request(
                write.method,
                write.path,
                params=write.params,
                json=write.json,
                headers={HEADER: write.key},
            ) as reply:
                return reply.status
        except (aiohttp.ClientError, TimeoutError) as error:
            logger.info("Queued %s still undelivered: %s", write.route, type(error).__name__)
            return None

    async def _send(self, route: Route, path: str, **kwargs: Any) -> ApiReply:
        method = route.method
        try:
            async with self._client().request(method, path, **kwargs) as reply:
                body = await reply.json() if reply.content_type == "application/json" else None
                if reply.status >= 500:
                    logger.warning("API call %s %s failed: %s", method, route.path, reply.status)
                    return ApiReply(None, None)
                return ApiReply(
                    reply.status,
                    body if isinstance(body, dict) else None,
                    body if isinstance(body, list) else None,
                )
        except (aiohttp.ClientError, TimeoutError) as error:
            logger.warning("API call %s %s failed: %s", method, route.path, type(error).__name__)
            return ApiReply(None, None)

    async def request(self, route: Route, path: str, **kwargs: Any) -> dict[str, Any] | None:
        """The JSON reply of a successful request, or None (unreachable, or the API said no)."""
        reply = await self.call(route, path, **kwargs)
        return reply.body if reply.ok else None

    async def faq_answer(self, topic: str, language: str) -> dict[str, Any] | None:
        route = routes.FAQ_ANSWER
        return await self.request(route, route.url(topic=topic), params={"language": language})

    async def faq_suggestions(self, topics: list[str], language: str) -> dict[str, Any] | None:
        route = routes.FAQ_SUGGESTIONS
        params = {"topics": topics, "language": language}
        return await self.request(route, route.url(), params=params)

    async def record_conversation(
        self, conversation_key: str, channel: str | None, language: str | None
    ) -> None:
        route = routes.RECORD_CONVERSATION
        await self.request(
            route,
            route.url(conversation_key=conversation_key),
            json={"channel": channel, "language": language},
        )

    async def record_faq_topic(self, conversation_key: str, topic: str) -> None:
        route = routes.RECORD_FAQ_TOPIC
        path = route.url(conversation_key=conversation_key)
        await self.call(route, path, json={"topic": topic})

    async def record_faq_missed(self, text: str, language: str, kind: str) -> None:
        route = routes.RECORD_FAQ_MISSED
        await self.call(route, route.url(), json={"text": text, "language": language, "kind": kind})

    # Meeting preparation: the API keys everything by the conversation (Rasa's sender id).
    async def _meeting(self, route: Route, conversation_key: str, **kwargs: Any) -> ApiReply:
        return await self.call(route, route.url(conversation_key=conversation_key), **kwargs)

    async def redeem_invite(self, conversation_key: str, invite_code: str) -> ApiReply:
        body = {"invite_code": invite_code}
        return await self._meeting(routes.REDEEM_INVITE, conversation_key, json=body)

    async def client_meeting(self, conversation_key: str) -> ApiReply:
        return await self._meeting(routes.CLIENT_MEETING, conversation_key)

    async def set_consent(self, conversation_key: str, consent: bool) -> ApiReply:
        body = {"consent": consent}
        return await self._meeting(routes.SET_CONSENT, conversation_key, json=body)

    async def store_answer(
        self, conversation_key: str, section: str, text: str, language: str, replace: bool
    ) -> ApiReply:
        body = {"section": section, "text": text, "language": language, "replace": replace}
        return await self._meeting(routes.STORE_ANSWER, conversation_key, json=body)

    async def confirm_preparation(self, conversation_key: str) -> ApiReply:
        return await self._meeting(routes.CONFIRM_PREPARATION, conversation_key)

    async def delete_preparation(self, conversation_key: str) -> ApiReply:
        """Withdraw the consent and delete the answers, in one call (one transaction)."""
        return await self._meeting(routes.DELETE_PREPARATION, conversation_key)

    # The pulse survey: the offer and the answers so far are keyed by the conversation (the
    # API keeps only keyed hashes of it); the stored answer is not.
    async def pulse_offer(
        self, conversation_key: str, offer_kind: str, channel: str, language: str
    ) -> ApiReply:
        route = routes.PULSE_OFFER
        body = {
            "conversation_key": conversation_key,
            "offer_kind": offer_kind,
            "channel": channel,
            "language": language,
        }
        return await self.call(route, route.url(), json=body)

    async def keep_pulse_pending(self, conversation_key: str, answer: dict[str, Any]) -> ApiReply:
        route = routes.PULSE_PENDING
        return await self.call(route, route.url(conversation_key=conversation_key), json=answer)

    async def submit_pulse(self, conversation_key: str, answer: dict[str, Any]) -> ApiReply:
        route = routes.PULSE_SUBMIT
        return await self.call(route, route.url(conversation_key=conversation_key), json=answer)

    # Proposals and "we did".
    async def proposal_theme(self, text: str, language: str) -> str | None:
        route = routes.PROPOSAL_THEME
        reply = await self.request(route, route.url(), json={"text": text, "language": language})
        theme = (reply or {}).get("theme")
        return str(theme) if theme else None

    async def store_proposal(self, text: str, theme: str, language: str, channel: str) -> ApiReply:
        route = routes.STORE_PROPOSAL
        body = {"text": text, "theme": theme, "language": language, "channel": channel}
        return await self.call(route, route.url(), json=body)

    async def theme_actions(self, language: str) -> list[dict[str, Any]] | None:
        route = routes.THEME_ACTIONS
        reply = await self.call(route, route.url(), params={"language": language})
        return reply.items if reply.ok else None

    # The developer-client panel: keyed by the conversation, like the meeting preparation.
    async def panel_status(self, conversation_key: str) -> ApiReply:
        return await self._meeting(routes.PANEL_STATUS, conversation_key)

    async def join_panel(self, conversation_key: str, body: dict[str, Any]) -> ApiReply:
        """`body`: consent_version, interests, languages, contact_channel, email, language."""
        return await self._meeting(routes.JOIN_PANEL, conversation_key, json=body)

    async def leave_panel(self, conversation_key: str) -> ApiReply:
        return await self._meeting(routes.LEAVE_PANEL, conversation_key)

    async def pilot_invitation(
        self, conversation_key: str, invitation_id: str, language: str
    ) -> ApiReply:
        route = routes.PILOT_INVITATION
        path = route.url(conversation_key=conversation_key, invitation_id=invitation_id)
        return await self.call(route, path, params={"language": language})

    async def answer_pilot_invitation(
        self, conversation_key: str, invitation_id: str, answer: str, language: str
    ) -> ApiReply:
        route = routes.ANSWER_PILOT_INVITATION
        path = route.url(conversation_key=conversation_key, invitation_id=invitation_id)
        return await self.call(route, path, params={"language": language}, json={"answer": answer})

    # The client's own data, keyed by the conversation.
    async def my_data(self, conversation_key: str) -> ApiReply:
        return await self._meeting(routes.MY_DATA_SUMMARY, conversation_key)

    async def my_data_link(self, conversation_key: str, language: str) -> ApiReply:
        body = {"language": language}
        return await self._meeting(routes.MY_DATA_LINK, conversation_key, json=body)

    async def my_data_text(self, conversation_key: str, language: str) -> str | None:
        """The copy as text (the API's rendering, in the language), or None."""
        route = routes.MY_DATA_TEXT
        path = route.url(conversation_key=conversation_key)
        try:
            async with self._client().get(path, params={"language": language}) as reply:
                return await reply.text() if reply.status == 200 else None
        except (aiohttp.ClientError, TimeoutError) as error:
            logger.warning("API call GET %s failed: %s", route.path, type(error).__name__)
            return None

    async def erase_my_data(self, conversation_key: str) -> ApiReply:
        return await self._meeting(routes.ERASE_MY_DATA, conversation_key)


@lru_cache
def get_api_client() -> ApiClient:
    settings = get_settings()
    secret = settings.write_queue_key.get_secret_value()
    return ApiClient(settings, WriteQueue(settings.write_queue_path, secret, time.time))
