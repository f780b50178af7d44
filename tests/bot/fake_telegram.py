"""A fake Telegram Bot API server for the bridge's tests.

The real python-telegram-bot library talks to it through its `base_url` setting
(`FakeTelegram.base_url`, i.e. TELEGRAM_API_BASE_URL). It implements what the bridge uses:
getMe, getUpdates (long polling of the updates a test injects), sendMessage (recorded),
editMessageReplyMarkup, answerCallbackQuery (refusing, as Telegram does, a notification over
200 characters), setMyCommands, deleteWebhook and setWebhook. A test can make the next calls
of a method fail (429 with retry_after, or 502).

It runs in a thread of its own (tests.support.local_server), so both synchronous tests and
a bridge running in the test's own event loop can use it; the waits have both forms.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.support.local_server import LocalServer

TOKEN = "123456:TEST-fake-token"
BOT_USER = {
    "id": 4242,
    "is_bot": True,
    "first_name": "Kohtaamo",
    "username": "kohtaamo_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
# Parameters whose values python-telegram-bot sends as they are (the others JSON-encoded).
PLAIN = {"text", "callback_query_id", "url", "secret_token", "language_code", "description"}
ANSWER_TEXT_LIMIT = 200  # characters of answerCallbackQuery's notification
LONG_POLL_CAP = 1.0  # seconds: getUpdates answers [] by then, so that shutdown is quick


class BadRequestError(Exception):
    """What the real Bot API answers with 400 Bad Request."""


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    status: int


@dataclass
class Failure:
    status: int
    retry_after: int | None


@dataclass
class FakeTelegram:
    port: int | None = None
    calls: list[Call] = field(default_factory=list)
    sent: list[dict[str, Any]] = field(default_factory=list)  # sendMessage's messages
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _failures: dict[str, list[Failure]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _next_update: int = 1
    _next_message: int = 1000
    _server: LocalServer | None = None

    # -- running ------------------------------------------------------------------------

    def start(self) -> FakeTelegram:
        app = Starlette(
            routes=[Route("/bot{token}/{method}", self._handle, methods=["GET", "POST"])]
        )
        self._server = LocalServer(app, self.port)
        self._server.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()

    @property
    def base_url(self) -> str:
        """What TELEGRAM_API_BASE_URL is set to; the library appends the token."""
        assert self._server is not None, "start() first"
        return f"{self._server.url}/bot"

    # -- what a test does as a Telegram user --------------------------------------------

    @staticmethod
    def user(user_id: int, language_code: str | None = "fi") -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}
        if language_code is not None:
            user["language_code"] = language_code
        return user

    def _message(self, user_id: int, language_code: str | None, **content: Any) -> dict[str, Any]:
        with self._lock:
            self._next_message += 1
            message_id = self._next_message
        return {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": f"User{user_id}"},
            "from": self.user(user_id, language_code),
            **content,
        }

    def push(self, update: dict[str, Any]) -> int:
        with self._lock:
            update_id = self._next_update
            self._next_update += 1
            self._updates.append({"update_id": update_id, **update})
        return update_id

    def send_text(self, user_id: int, text: str, language_code: str | None = "fi") -> None:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split(" ", 1)[0]
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        self.push({"message": self._message(user_id, language_code, **content)})

    def send_photo(self, user_id: int, language_code: str | None = "fi") -> None:
        photo = [{"file_id": "photo-1", "file_unique_id": "p1", "width": 90, "height": 90}]
        self.push({"message": self._message(user_id, language_code, photo=photo)})

    def send_sticker(self, user_id: int, language_code: str | None = "fi") -> None:
        sticker = {
            "file_id": "sticker-1",
            "file_unique_id": "s1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        self.push({"message": self._message(user_id, language_code, sticker=sticker)})

    def send_voice(self, user_id: int, language_code: str | None = "fi") -> None:
        voice = {"file_id": "voice-1", "file_unique_id": "v1", "duration": 3}
        self.push({"message": self._message(user_id, language_code, voice=voice)})

    def press(self, user_id: int, message: dict[str, Any], data: str) -> str:
        """Presses an inline button with `data` under the bot's `message`; the query's id."""
        with self._lock:
            self._next_message += 1
            query_id = f"query-{self._next_message}"
        query = {
            "id": query_id,
            "from": self.user(user_id),
            "chat_instance": f"instance-{user_id}",
            "message": message,
            "data": data,
        }
        self.push({"callback_query": query})
        return query_id

    def fail_next(self, method: str, status: int = 429, retry_after: int | None = 1) -> None:
        """The next call of `method` fails: 429 (flood control) or e.g. 502 (network)."""
        with self._lock:
            self._failures.setdefault(method, []).append(Failure(status, retry_after))

    # -- what a test checks --------------------------------------------------------------

    def calls_of(self, method: str) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def messages_to(self, chat_id: int) -> list[dict[str, Any]]:
        with self._lock:
            return [m for m in self.sent if m["chat"]["id"] == chat_id]

    def texts_to(self, chat_id: int) -> list[str]:
        return [m["text"] for m in self.messages_to(chat_id)]

    def wait_until(self, check: Callable[[], bool], timeout: float = 30, what: str = "") -> None:
        deadline = time.monotonic() + timeout
        while not check():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what or check}: {self.summary()}")
            time.sleep(0.05)

    async def until(self, check: Callable[[], bool], within: float = 15, what: str = "") -> None:
        """The same, for a test whose event loop runs the bridge."""
        deadline = time.monotonic() + within
        while not check():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what or check}: {self.summary()}")
            await asyncio.sleep(0.05)

    def wait_for_messages(self, chat_id: int, count: int, timeout: float = 30) -> list[str]:
        """Blocks until the chat has `count` messages from the bot; their texts."""
        self.wait_until(
            lambda: len(self.messages_to(chat_id)) >= count, timeout, f"{count} messages"
        )
        return self.texts_to(chat_id)

    def summary(self) -> str:
        with self._lock:
            methods = [call.method for call in self.calls if call.method != "getUpdates"]
            texts = [m["text"][:60] for m in self.sent]
        return f"calls={methods} sent={texts}"

    # -- the Bot API ------------------------------------------------------------------------

    async def _handle(self, request: Request) -> JSONResponse:
        method = request.path_params["method"]
        if request.path_params["token"] != TOKEN:
            return self._error(401, "Unauthorized")
        params = await self._params(request)
        with self._lock:
            failures = self._failures.get(method)
            failure = failures.pop(0) if failures else None
        if failure is not None:
            self._record(method, params, failure.status)
            if failure.status == 429:
                return self._error(
                    429,
                    f"Too Many Requests: retry after {failure.retry_after}",
                    {"retry_after": failure.retry_after},
                )
            return self._error(failure.status, "Bad Gateway")
        if method == "getUpdates":
            return JSONResponse({"ok": True, "result": await self._get_updates(params)})
        handler = {
            "getMe": lambda p: BOT_USER,
            "deleteWebhook": lambda p: True,
            "setWebhook": lambda p: True,
            "setMyCommands": lambda p: True,
            "answerCallbackQuery": self._answer_callback_query,
            "sendMessage": self._send_message,
            "editMessageReplyMarkup": self._edit_reply_markup,
        }.get(method)
        if handler is None:
            self._record(method, params, 404)
            return self._error(404, f"Not Found: method {method} is not faked")
        try:
            result = handler(params)
        except BadRequestError as error:
            self._record(method, params, 400)
            return self._error(400, f"Bad Request: {error}")
        self._record(method, params, 200)
        return JSONResponse({"ok": True, "result": result})

    @staticmethod
    async def _params(request: Request) -> dict[str, Any]:
        if request.headers.get("content-type", "").startswith("application/json"):
            body: dict[str, Any] = await request.json()
            return body
        form = await request.form()
        params: dict[str, Any] = {}
        for key, value in {**request.query_params, **form}.items():
            if not isinstance(value, str):
                continue
            if key in PLAIN:
                params[key] = value
            else:
                try:
                    params[key] = json.loads(value)
                except ValueError:
                    params[key] = value
        return params

    def _record(self, method: str, params: dict[str, Any], status: int) -> None:
        with self._lock:
            self.calls.append(Call(method, params, status))

    @staticmethod
    def _error(
        status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> JSONResponse:
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if parameters:
            body["parameters"] = parameters
        return JSONResponse(body, status_code=status)

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        wait = min(float(params.get("timeout") or 0), LONG_POLL_CAP)
        deadline = time.monotonic() + wait
        while True:
            with self._lock:
                # Like Telegram: asking from an offset confirms the updates before it.
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                ready = list(self._updates)
            if ready or time.monotonic() >= deadline:
                return ready
            await asyncio.sleep(0.02)

    @staticmethod
    def _answer_callback_query(params: dict[str, Any]) -> bool:
        if len(params.get("text") or "") > ANSWER_TEXT_LIMIT:
            raise BadRequestError("MESSAGE_TOO_LONG")
        return True

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            self._next_message += 1
            message: dict[str, Any] = {
                "message_id": self._next_message,
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "from": BOT_USER,
                "text": params["text"],
            }
            if params.get("reply_markup"):
                message["reply_markup"] = params["reply_markup"]
            self.sent.append(message)
        return message

    def _edit_reply_markup(self, params: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            for message in self.sent:
                same_chat = message["chat"]["id"] == int(params["chat_id"])
                if same_chat and message["message_id"] == int(params["message_id"]):
                    if params.get("reply_markup"):
                        message["reply_markup"] = params["reply_markup"]
                    else:
                        message.pop("reply_markup", None)
                    return message
        raise BadRequestError("message to edit not found")


def buttons_of(message: dict[str, Any]) -> list[tuple[str, str]]:
    """(title, callback_data) of each inline button of a message the bot sent."""
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [(button["text"], button["callback_data"]) for row in rows for button in row]
