"""What the production profile needs before anything starts: PostgreSQL, Redis and HAProxy.
Each missing one is named with what to do, at once, rather than by nine processes that
supervisord keeps starting again."""

from __future__ import annotations

import os
import socket

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from deploy.databases import MAINTENANCE_DB
from deploy.settings import DeploySettings


class Missing(RuntimeError):
    """A service the profile needs is not there: what, where, and what to do."""


def redis_answers(host: str, port: int, timeout: float = 3.0) -> bool:
    """Whether a Redis server answers PING (its own protocol: no client library needed)."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as connection:
            connection.sendall(b"*1\r\n$4\r\nPING\r\n")
            return connection.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def postgresql_answers(database_url: str) -> str | None:
    """None if the server answers; otherwise why not (the driver's error class)."""
    url = make_url(database_url).set(database=MAINTENANCE_DB)
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        cause = error.orig if isinstance(error, DBAPIError) else error
        return type(cause).__name__
    finally:
        engine.dispose()
    return None


def everything_there(settings: DeploySettings) -> None:
    problems = []
    for name, url in (("DATABASE_URL", settings.database_url), ("TRACKER_DATABASE_URL",
                      settings.tracker_database_url)):  # fmt: skip
        why = postgresql_answers(url)
        if why is not None:
            server = make_url(url)
            problems.append(
                f"PostgreSQL at {server.host}:{server.port or 5432} ({name}) does not answer"
                f" ({why}): start it, or point {name} at one"
            )
    if not redis_answers(settings.redis_host, settings.redis_port):
        problems.append(
            f"Redis at {settings.redis_host}:{settings.redis_port} does not answer: start it"
            " (Debian: apt-get install redis-server), or set REDIS_HOST and REDIS_PORT"
        )
    if not os.access(settings.haproxy, os.X_OK):
        problems.append(f"HAProxy ({settings.haproxy}) is missing: run `make haproxy`")
    if problems:
        raise Missing("the production profile cannot start:\n  " + "\n  ".join(problems))
