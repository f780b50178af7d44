"""The idempotency key of each write the actions make: the same write, the same key.

A write may reach the API more than once: the client tries again after a timeout (the API
may have written before the reply was lost), the queue of writes that could not reach the
API (actions/write_queue.py) delivers it later, and Rasa may run the same action again for
the same message. The API does a write once per key (api/core/idempotency.py), so the key
must name the write, not the attempt. It is a SHA-256 of:

- the conversation: Rasa's sender id;
- the client's message the write answers: the `message_id` of the tracker's latest
  UserUttered (Rasa makes one per message; a message sent again is a new message);
- where in that turn: the action's name and how many events the tracker holds after that
  message. Two actions of one turn (`action_session_start` and `action_greet` both record
  the conversation), and the session start of a new session, whose latest message is still
  the last one of the session before, differ in it; the same action run again on the same
  tracker does not;
- the route: the method, the path with its parameters (the pilot invitation's id), and the
  body fields the route names in `Route.key_fields` (the meeting answer's section).

Not the rest of the body: a write tried again must find its first answer even if something
else in the body changed (the API refuses the same key with another body, 422, instead of
writing twice). The rasa_sdk executor of rasa_components/action_server.py sets the action
run being served (`CURRENT`) from the action call it gets; outside an action (tests, scripts)
each call gets a random key, which still makes the queue's own retries idempotent.

Dependency-free: the app environment's contract test imports it with actions/api_routes.py.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ActionRun:
    sender_id: str
    message_id: str  # of the latest user message; "" when the tracker has none yet
    action: str
    events_after_message: int


CURRENT: ContextVar[ActionRun | None] = ContextVar("action_run", default=None)


def action_run(action_call: Mapping[str, Any]) -> ActionRun | None:
    """The run that an action call of Rasa asks for (None: not an action call)."""
    tracker = action_call.get("tracker")
    action = action_call.get("next_action")
    if not isinstance(tracker, Mapping) or not isinstance(action, str):
        return None
    sender = tracker.get("sender_id") or action_call.get("sender_id")
    events: Sequence[Any] = tracker.get("events") or []
    after, message_id = 0, ""
    # From the end: only the events of this turn are looked at.
    for event in reversed(events):
        if isinstance(event, Mapping) and event.get("event") == "user":
            message_id = str(event.get("message_id") or "")
            break
        after += 1
    return ActionRun(str(sender or ""), message_id, action, after)


def key_for(
    run: ActionRun | None, method: str, path: str, body: Any, key_fields: Sequence[str] = ()
) -> str:
    if run is None:
        return uuid.uuid4().hex + uuid.uuid4().hex
    fields = [str(body.get(name)) for name in key_fields] if isinstance(body, Mapping) else []
    parts = (
        run.sender_id,
        run.message_id,
        run.action,
        str(run.events_after_message),
        method,
        path,
        *fields,
    )
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()
