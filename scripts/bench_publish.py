"""`make bench-publish`: how fast a publish reaches the chat, against the running stack.

Starts the whole stack (tests/support/stack.py: Rasa, action server, API) and the training
worker on a copy of data/faq, logs in as a content editor and measures:

1. a text publish (one answer changed): from POST /faq/publish to the new answer in the chat;
2. a publish of one new example question: from POST /faq/publish to that question understood
   in the chat, with the time of each stage of the job (training, check, swap);
3. a rollback of it: from POST /faq/publish/rollback to the question no longer understood;

and, during 2 and 3, the peak resident memory of the worker (with its training processes) and
of the Rasa server, and chat messages sent all along from 2 clients (one every half second
each): how many failed (an error, or no reply) and the slowest. A benchmark, not a test: it
prints figures.

    .venvs/app/bin/python scripts/bench_publish.py [--clinc DIR]
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil

from publisher.fingerprint import fingerprint
from tests.support.publishing import FAQ, edit, editor, publish, wait
from tests.support.stack import REPO, Stack

TOPIC = "register"
QUESTION = "is the zorblax desk where I enrol as unemployed"
CHATTERS = 2
# Each simulated client waits this long between messages (a busy hour, not a load test).
PAUSE = 0.5
CHAT = ["Hei!", "how do I register as a jobseeker", "Hur lång är självrisktiden?", "kiitos"]


@dataclass
class Watch:
    """Samples memory and chats all along while a publish runs."""

    stack: Stack
    stop: threading.Event = field(default_factory=threading.Event)
    stage: str = ""
    peak_mb: dict[str, float] = field(default_factory=dict)
    sent: int = 0
    failures: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    slowest: dict[str, float] = field(default_factory=dict)  # by stage
    threads: list[threading.Thread] = field(default_factory=list)

    def start(self) -> None:
        self.threads = [threading.Thread(target=self.sample, daemon=True)]
        self.threads += [
            threading.Thread(target=self.chat, args=(n,), daemon=True) for n in range(CHATTERS)
        ]
        for thread in self.threads:
            thread.start()

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=120)

    def rss(self, name: str) -> float:
        root = psutil.Process(self.stack.processes[name].pid)
        processes = [root, *root.children(recursive=True)]
        total = 0
        for process in processes:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                continue
        return total / 2**20

    def sample(self) -> None:
        while not self.stop.is_set():
            for name in ("publisher", "rasa"):
                for key in (name, f"{name} during {self.stage or 'queued'}"):
                    self.peak_mb[key] = max(self.peak_mb.get(key, 0.0), self.rss(name))
            time.sleep(0.2)

    def chat(self, number: int) -> None:
        with httpx.Client(timeout=120) as http:
            i = 0
            while not self.stop.is_set():
                body = {"sender": f"chatter-{number}-{i // len(CHAT)}", "message": CHAT[i % 4]}
                started = time.perf_counter()
                try:
                    reply = http.post(f"{self.stack.rasa_url}/webhooks/rest/webhook", json=body)
                    ok = reply.status_code == 200 and bool(reply.json())
                    problem = f"{reply.status_code} {reply.text[:80]}"
                except httpx.HTTPError as error:
                    ok, problem = False, type(error).__name__
                took = time.perf_counter() - started
                self.latencies.append(took)
                stage = self.stage or "queued"
                self.slowest[stage] = max(self.slowest.get(stage, 0.0), took)
                self.sent += 1
                if not ok:
                    self.failures.append(f"{self.stage}: {problem}")
                i += 1
                self.stop.wait(PAUSE)


def answer_text(stack: Stack) -> str:
    reply = httpx.get(f"{stack.api_url}{FAQ}/{TOPIC}", params={"language": "en"})
    reply.raise_for_status()
    text: str = reply.json()["text"]
    return text


def chat_text(stack: Stack, text: str) -> str:
    replies = stack.say(f"bench-{uuid.uuid4().hex[:8]}", text, {"language": "en"})
    return " ".join(str(r.get("text") or "") for r in replies)


def until(condition: Any, timeout: float) -> float:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            raise TimeoutError("not seen in the chat")
        time.sleep(0.1)
    return time.monotonic() - started


def timed_job(client: httpx.Client, job: int, watch: Watch, timeout: float) -> dict[str, Any]:
    stages: dict[str, float] = {}
    started = time.monotonic()

    def seen(status: dict[str, Any]) -> None:
        stage = status["progress"].get("stage") or status["state"]
        if stage != watch.stage:
            watch.stage = stage
            stages.setdefault(stage, time.monotonic() - started)

    status = wait(client, job, timeout, seen)
    stages["done"] = time.monotonic() - started
    return {"status": status, "stages": stages}


def durations(stages: dict[str, float]) -> str:
    names = list(stages)
    return ", ".join(
        f"{name} {stages[after] - stages[name]:.1f} s" for name, after in itertools.pairwise(names)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clinc", type=Path, default=REPO.parent / "shared/eval/clinc150-oos")
    args = parser.parse_args()
    model = REPO / "models" / f"{fingerprint()}.tar.gz"
    if not model.is_file():
        raise SystemExit(f"{model} is missing: run `make model`")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        faq = workdir / "faq"
        shutil.copytree(REPO / "data" / "faq", faq)
        (workdir / "models").mkdir()
        shutil.copy2(model, workdir / "models" / model.name)  # kept, for the rollback
        stack = Stack(workdir, settings={"FAQ_DIR": str(faq), "CLINC_DIR": str(args.clinc)})
        try:
            stack.start_all(workdir / "models" / model.name)
            stack.start_publisher()
            report(stack)
        finally:
            stack.stop()


def report(stack: Stack) -> None:
    client = editor(stack)  # logged in: a client already used, so closed by hand
    try:
        measure(stack, client)
    finally:
        client.close()


def measure(stack: Stack, client: httpx.Client) -> None:
    before = chat_text(stack, QUESTION)
    old = answer_text(stack)

    # 1. One answer changed.
    marker = f"(Checked {uuid.uuid4().hex[:6]}.)"

    def new_answer(document: dict[str, Any]) -> None:
        document["variants"][-1]["answer"]["en"] += f" {marker}"

    edit(client, TOPIC, new_answer)
    started = time.monotonic()
    publish(client)
    until(lambda: marker in chat_text(stack, "how do I register as a jobseeker"), 30)
    text_seconds = time.monotonic() - started
    answer = answer_text(stack)

    # 2. One new example question.
    edit(client, TOPIC, lambda d: d["examples"]["en"].append(QUESTION))
    watch = Watch(stack)
    watch.start()
    started = time.monotonic()
    job = timed_job(client, publish(client), watch, 900)
    if job["status"]["state"] != "live":
        watch.finish()
        raise SystemExit(f"the publish did not go live: {job['status']}")
    until(lambda: chat_text(stack, QUESTION) == answer, 60)
    example_seconds = time.monotonic() - started

    # 3. Its rollback: the kept model back.
    started = time.monotonic()
    back = timed_job(client, publish(client, f"{FAQ}/publish/rollback"), watch, 600)
    until(lambda: chat_text(stack, QUESTION) != answer, 60)
    rollback_seconds = time.monotonic() - started
    watch.finish()

    print(f"\nBefore: {QUESTION!r} -> {before[:70]!r} (the answer starts {old[:40]!r})")
    print(f"text publish (one answer) -> new answer in the chat: {text_seconds:.2f} s")
    print(
        f"new example question -> understood in the chat: {example_seconds:.1f} s"
        f" ({durations(job['stages'])})"
    )
    print(f"rollback -> the question not understood again: {rollback_seconds:.1f} s"
          f" ({durations(back['stages'])}; state {back['status']['state']})")  # fmt: skip
    print("\nPeak resident memory (MB; the worker with its rasa train and check processes)")
    for name, mb in sorted(watch.peak_mb.items()):
        print(f"  {name:34}{mb:>8.0f}")
    slow = sorted(watch.latencies)
    print(
        f"\nChat during the publish and the rollback: {watch.sent} messages from {CHATTERS}"
        f" clients, {len(watch.failures)} failed; p50 {statistics.median(slow):.2f} s,"
        f" max {slow[-1]:.2f} s"
    )
    print(
        "  slowest reply by stage: " + ", ".join(f"{k} {v:.2f} s" for k, v in watch.slowest.items())
    )
    for failure in watch.failures[:10]:
        print(f"  failed: {failure}")


if __name__ == "__main__":
    main()
