"""`python -m rasa_components.action_server ARGS`: rasa_sdk's action server that answers Rasa
only. ARGS are `rasa run actions`'s, and `--host` (default 127.0.0.1: loopback only).

rasa_sdk 3.6 has no authentication: anyone who reaches its port can run any action with a
made-up tracker (and so call the API with the service token the actions hold). Here every
path but /health needs `Authorization: Bearer <ACTIONS_TOKEN>`, which Rasa sends from
endpoints.yml (`action_endpoint.headers`); others get a 401 before the body is read as JSON.
With KOHTAAMO_ENV=production it refuses to start while ACTIONS_TOKEN, SERVICE_TOKEN or
WRITE_QUEUE_KEY is a default.

It also serves the writes the actions could not make: rasa_sdk's executor is replaced by one
that tells the API client which action run it serves (actions/idempotency.py: the writes'
idempotency keys come from it), and a background task delivers the write queue
(actions/write_queue.py) from the server's start to its stop. The queue is one file for one
process, so the server runs one Sanic worker (ACTION_SERVER_SANIC_WORKERS other than 1 is
refused: run more action servers instead, each with its own WRITE_QUEUE_PATH).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import secrets
import sys
from collections.abc import Callable, Coroutine, Sequence
from contextlib import suppress
from typing import Any
from unittest import mock

from pydantic import BaseSettings, SecretStr
from rasa_sdk import endpoint, utils
from rasa_sdk.constants import APPLICATION_ROOT_LOGGER_NAME
from rasa_sdk.executor import ActionExecutor
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from actions import idempotency
from actions.api_client import ApiClient, get_api_client
from actions.settings import get_settings
from vocabulary.deployment import UnsafeForProduction, check_production

logger = logging.getLogger(__name__)
OPEN_PATHS = frozenset({"/health"})
# Rasa's action calls carry the tracker: its events, a few hundred kilobytes at most.
MAX_BODY_BYTES = 8 << 20


class ActionServerSettings(BaseSettings):
    kohtaamo_env: str = "development"
    actions_token: SecretStr = SecretStr("local-actions-token")
    service_token: SecretStr = SecretStr("local-service-token")


def authenticator(token: str) -> Callable[[Request], Coroutine[Any, Any, HTTPResponse | None]]:
    """A Sanic request middleware that lets only callers with the token past /health."""
    expected = f"Bearer {token}"

    async def authenticate(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        sent = request.headers.get("authorization", "")
        if not secrets.compare_digest(sent.encode(), expected.encode()):
            return response.json(
                {"error": "authentication required"},
                status=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        return None

    return authenticate


def protect(app: Sanic, token: str) -> Sanic:
    app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES
    app.register_middleware(authenticator(token), "request")
    return app


class KeyedExecutor(ActionExecutor):
    """rasa_sdk's executor, with the action run it serves set for the API client."""

    async def run(self, action_call: dict[str, Any]) -> dict[str, Any] | None:
        token = idempotency.CURRENT.set(idempotency.action_run(action_call))
        try:
            result: dict[str, Any] | None = await super().run(action_call)
            return result
        finally:
            idempotency.CURRENT.reset(token)


def create_app(action_package: str, cors: list[str] | None = None) -> Sanic:
    """rasa_sdk.endpoint.create_app with KeyedExecutor (it builds its executor inside)."""
    with mock.patch.object(endpoint, "ActionExecutor", KeyedExecutor):
        app: Sanic = endpoint.create_app(action_package, cors_origins=cors)
    return app


def deliver_queue(app: Sanic, client: Callable[[], ApiClient]) -> Sanic:
    """The write queue's delivery runs while the server does (opened at the start)."""

    async def start(app: Sanic, loop: asyncio.AbstractEventLoop) -> None:
        api = client()
        if api.queue is not None and api.delivery is not None:
            api.queue.open()
            app.ctx.delivery = loop.create_task(api.delivery.run())

    async def stop(app: Sanic, loop: asyncio.AbstractEventLoop) -> None:
        task = getattr(app.ctx, "delivery", None)
        if task is not None:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task
        api = client()
        if api.queue is not None:
            api.queue.close()

    app.register_listener(start, "after_server_start")
    app.register_listener(stop, "before_server_stop")
    return app


def run(
    action_package: str, port: int, host: str, token: str, cors: list[str] | None = None
) -> None:
    """rasa_sdk.endpoint.run with the token's check, a host to listen on, the actions' run
    for the idempotency keys, and the write queue's delivery."""
    workers = utils.number_of_sanic_workers()
    if workers != 1:
        sys.exit(
            f"ACTION_SERVER_SANIC_WORKERS={workers}: the write queue needs one worker per"
            " action server; run more action servers, each with its own WRITE_QUEUE_PATH"
        )
    app = deliver_queue(protect(create_app(action_package, cors), token), get_api_client)
    endpoint.plugin_manager().hook.attach_sanic_app_extensions(app=app)
    logger.info("Action server on http://%s:%s", host, port)
    app.run(host, port, workers=workers)


def argument_parser() -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = endpoint.create_argument_parser()
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on")
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    args = argument_parser().parse_args(argv)
    settings = ActionServerSettings()
    token = settings.actions_token.get_secret_value()
    try:
        check_production(
            settings.kohtaamo_env,
            {
                "ACTIONS_TOKEN": token,
                "SERVICE_TOKEN": settings.service_token.get_secret_value(),
                "WRITE_QUEUE_KEY": get_settings().write_queue_key.get_secret_value(),
            },
        )
    except UnsafeForProduction as error:
        sys.exit(str(error))
    # rasa_sdk.__main__.main_from_args's logging set-up; TLS ends in front of the servers.
    utils.configure_colored_logging(args.loglevel)
    utils.configure_file_logging(
        logging.getLogger(APPLICATION_ROOT_LOGGER_NAME),
        args.log_file,
        args.loglevel,
        args.logging_config_file,
    )
    utils.update_sanic_log_level()
    run(args.actions, args.port, args.host, token, args.cors)


if __name__ == "__main__":
    main()
