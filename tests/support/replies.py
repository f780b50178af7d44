"""Reading the assistant's replies over the REST channel, for the integration tests."""

import uuid
from typing import Any

Reply = list[dict[str, Any]]


def texts(messages: Reply) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def button_titles(messages: Reply) -> list[str]:
    return [b["title"] for m in messages for b in m.get("buttons", [])]


def payloads(messages: Reply) -> list[str]:
    return [b["payload"] for m in messages for b in m.get("buttons", [])]


def new_sender(prefix: str) -> str:
    """A conversation of its own (the stack is shared by every test of a run)."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"
