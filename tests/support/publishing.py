"""The content team's side of a publish against a running stack: a content editor's session,
editing a topic, publishing, waiting for the job (the integration test and bench-publish)."""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from typing import Any

import httpx

from tests.support.stack import Stack
from tests.support.staff import create_user, login

FAQ = "/api/v1/faq"


def editor(stack: Stack, email: str = "sisältö@example.test") -> httpx.Client:
    create_user(stack, email, "content_editor", "Sanni Sisältö")
    return login(stack, email)


def edit(client: httpx.Client, topic: str, change: Callable[[dict[str, Any]], None]) -> int:
    """Saves the topic with `change` applied; the new version's number."""
    reply = client.get(f"{FAQ}/topics/{topic}")
    reply.raise_for_status()
    document = copy.deepcopy(reply.json())
    change(document)
    saved = client.put(f"{FAQ}/topics/{topic}", json=document)
    assert saved.status_code == 200, saved.text
    version: int = saved.json()["version"]
    return version


def publish(client: httpx.Client, path: str = f"{FAQ}/publish") -> int:
    reply = client.post(path)
    assert reply.status_code == 202, reply.text
    job: int = reply.json()["job"]
    return job


def wait(
    client: httpx.Client,
    job: int,
    timeout: float,
    on_status: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Polls the job until it is live, rejected or failed (an error after `timeout` s)."""
    deadline = time.monotonic() + timeout
    while True:
        reply = client.get(f"{FAQ}/publish/{job}")
        reply.raise_for_status()
        status: dict[str, Any] = reply.json()
        if on_status is not None:
            on_status(status)
        if status["state"] in ("live", "rejected", "failed"):
            return status
        if time.monotonic() > deadline:
            raise TimeoutError(f"publish {job} not done after {timeout} s: {status}")
        time.sleep(0.25)
