"""The writes' idempotency keys: the same write of the same message, the same key."""

from __future__ import annotations

from typing import Any

from actions.idempotency import ActionRun, action_run, key_for
from vocabulary.idempotency import KEY_FORMAT

ANSWERS = "/api/v1/conversations/rest-1/meeting/answers"


def call(events: list[dict[str, Any]], action: str = "validate_meeting_preparation_form") -> Any:
    return {
        "next_action": action,
        "sender_id": "rest-1",
        "tracker": {"sender_id": "rest-1", "events": events, "latest_message": {}},
    }


USER = {"event": "user", "text": "töihin", "message_id": "m-1"}
TURN = [
    {"event": "action", "name": "action_listen"},
    USER,
    {"event": "user_featurization"},
    {"event": "action", "name": "meeting_preparation_form"},
]


def test_the_run_is_read_from_the_action_call() -> None:
    action = "validate_meeting_preparation_form"
    assert action_run(call(TURN)) == ActionRun("rest-1", "m-1", action, 2)
    assert action_run(call([])) == ActionRun("rest-1", "", action, 0)
    assert action_run({"next_action": "x"}) is None


def test_the_same_write_of_the_same_run_has_the_same_key() -> None:
    run = action_run(call(TURN))
    body = {"section": "goals", "text": "töihin", "language": "fi", "replace": False}
    key = key_for(run, "POST", ANSWERS, body, ("section",))
    assert KEY_FORMAT.fullmatch(key) and len(key) == 64
    assert key_for(action_run(call(TURN)), "POST", ANSWERS, body, ("section",)) == key
    # Another text for the same question of the same message: the same write (the API then
    # refuses the key with another body instead of storing two answers).
    assert key_for(run, "POST", ANSWERS, {**body, "text": "x"}, ("section",)) == key


def test_anything_that_makes_it_another_write_makes_another_key() -> None:
    run = action_run(call(TURN))
    assert run is not None
    body = {"section": "goals"}
    key = key_for(run, "POST", ANSWERS, body, ("section",))
    others = {
        key_for(run, "POST", ANSWERS, {"section": "concerns"}, ("section",)),
        key_for(run, "PUT", ANSWERS, body, ("section",)),
        key_for(run, "POST", ANSWERS.replace("rest-1", "rest-2"), body, ("section",)),
        key_for(ActionRun("rest-2", "m-1", run.action, 2), "POST", ANSWERS, body, ("section",)),
        # The next message; another action of the turn; the same action later in the turn.
        key_for(ActionRun("rest-1", "m-2", run.action, 2), "POST", ANSWERS, body, ("section",)),
        key_for(ActionRun("rest-1", "m-1", "other", 2), "POST", ANSWERS, body, ("section",)),
        key_for(ActionRun("rest-1", "m-1", run.action, 5), "POST", ANSWERS, body, ("section",)),
    }
    assert key not in others and len(others) == 7


def test_a_new_sessions_start_is_not_the_last_sessions_turn() -> None:
    """`action_session_start` runs before the new message is in the tracker: its latest
    message is the last one of the session before, whose own writes were made earlier."""
    greet = action_run(call(TURN, "action_greet"))
    later = [*TURN, {"event": "bot"}, {"event": "action", "name": "action_listen"}]
    start = action_run(call(later, "action_session_start"))
    assert greet is not None and start is not None
    conversation = "/api/v1/conversations/rest-1"
    assert key_for(greet, "PUT", conversation, {}) != key_for(start, "PUT", conversation, {})


def test_outside_an_action_each_call_gets_a_random_key() -> None:
    first, second = key_for(None, "POST", ANSWERS, {}), key_for(None, "POST", ANSWERS, {})
    assert first != second and KEY_FORMAT.fullmatch(first)
