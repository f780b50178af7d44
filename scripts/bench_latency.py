"""`make bench-latency`: REST latency, CPU and memory of Kohtaamo against Rasa's own demo bot.

500 messages from 10 concurrent simulated clients, to our full stack (Rasa server, action
server, API) and to the `rasa init` demo bot in the same rasa environment, both running, in
rounds (`--rounds`, 3 by default), who goes first alternating, so that both meet the same load
of a shared machine. Prints each round's p50, p95 and max latency and their ratios, the
medians over the rounds, the CPU milliseconds each process spent per message (psutil), the
resident memory per process and the ratios. The latencies move with the others' load on a
shared machine; the CPU time per message far less.

Then, unless `--no-profile`, the same load again with new conversations while py-spy samples
each process (scripts/profile_steps.py): where a message's CPU time goes, step by step, and
how many API requests of each kind a message makes. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import signal
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
from profile_steps import ACTION_SERVER_STEPS, API_STEPS, RASA_STEPS, Step, parse_raw, shares

from tests.support.stack import RASA_BIN, REPO, Stack

MESSAGES = 500
CLIENTS = 10
# A client's short conversation; every client repeats it with new sender ids.
CONVERSATION = [
    "Hei!",
    "mitä sä osaat?",
    "på svenska tack",
    "Hur fungerar arbetssökandet?",
    "in English please",
    "are you a bot?",
    "what's the weather like tomorrow?",
    "thanks, bye",
]
# The profiler's own environment (make bench-latency installs it: requirements/profile.txt).
PY_SPY = REPO / ".venvs" / "profile" / "bin" / "py-spy"
SAMPLES_PER_SECOND = 200
STEPS: dict[str, tuple[Step, ...]] = {
    "rasa": RASA_STEPS,
    "actions": ACTION_SERVER_STEPS,
    "api": API_STEPS,
}
# uvicorn's access log: `"POST /api/v1/redactions HTTP/1.1" 200`.
ACCESS_LINE = re.compile(r'"(GET|POST|PUT|PATCH|DELETE) (/[^ ?"]*)[^"]*" (\d{3})')
# The conversation key in a path is the sender's: one route whatever the conversation.
BENCH_KEY = re.compile(r"/(?:bench|profile|warmup)[^/]*")


async def client(
    stack_url: str, number: int, count: int, latencies: list[float], prefix: str
) -> None:
    async with httpx.AsyncClient(timeout=120) as http:
        for i in range(count):
            sender = f"{prefix}-{number}-{i // len(CONVERSATION)}"
            text = CONVERSATION[i % len(CONVERSATION)]
            started = time.perf_counter()
            reply = await http.post(
                f"{stack_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
            )
            reply.raise_for_status()
            latencies.append((time.perf_counter() - started) * 1000)


async def load(rasa_url: str, prefix: str = "bench") -> list[float]:
    """MESSAGES messages from CLIENTS clients; `prefix` names the conversations (new ones for
    each load, so that no load goes on with another's)."""
    latencies: list[float] = []
    per_client = MESSAGES // CLIENTS
    await asyncio.gather(
        *(client(rasa_url, n, per_client, latencies, prefix) for n in range(CLIENTS))
    )
    return latencies


def tree(process: subprocess.Popen[bytes]) -> list[psutil.Process]:
    root = psutil.Process(process.pid)
    return [root, *root.children(recursive=True)]


def rss_mb(process: subprocess.Popen[bytes]) -> float:
    return float(sum(p.memory_info().rss for p in tree(process))) / 2**20


def cpu_seconds(process: subprocess.Popen[bytes]) -> float:
    """User and system CPU time of the process and its children so far."""
    return sum(t.user + t.system for t in (p.cpu_times() for p in tree(process)))


def summary(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    return {
        "p50": statistics.median(ordered),
        "p95": ordered[int(0.95 * (len(ordered) - 1))],
        "max": ordered[-1],
    }


@dataclass
class Run:
    latency: dict[str, float]
    cpu_ms: dict[str, float]  # CPU milliseconds per message, per process
    seconds: float


def measured_load(stack: Stack, prefix: str) -> Run:
    before = {name: cpu_seconds(p) for name, p in stack.processes.items()}
    started = time.perf_counter()
    latencies = asyncio.run(load(stack.rasa_url, prefix))
    seconds = time.perf_counter() - started
    cpu_ms = {
        name: (cpu_seconds(p) - before[name]) * 1000 / MESSAGES
        for name, p in stack.processes.items()
    }
    return Run(summary(latencies), cpu_ms, seconds)


def median_run(runs: list[Run]) -> Run:
    """Each figure's median over the rounds."""
    return Run(
        {k: statistics.median(r.latency[k] for r in runs) for k in runs[0].latency},
        {k: statistics.median(r.cpu_ms[k] for r in runs) for k in runs[0].cpu_ms},
        statistics.median(r.seconds for r in runs),
    )


async def load_warmup(rasa_url: str) -> None:
    async with httpx.AsyncClient(timeout=120) as http:
        for text in CONVERSATION:
            await http.post(
                f"{rasa_url}/webhooks/rest/webhook", json={"sender": "warmup", "message": text}
            )


@dataclass
class Profile:
    cpu_ms: dict[str, float]
    steps: dict[str, dict[str, float]]  # process -> step -> share of its samples


def profile(stack: Stack, out: Path) -> Profile:
    """The load again, with new conversations, while py-spy samples each process."""
    if not PY_SPY.exists():
        raise FileNotFoundError(f"{PY_SPY} is missing: run `make bench-latency` (it installs it)")
    out.mkdir(parents=True, exist_ok=True)
    spies: dict[str, subprocess.Popen[bytes]] = {}
    for name, process in stack.processes.items():
        with (out / f"{name}.log").open("wb") as log:
            spies[name] = subprocess.Popen(  # noqa: S603
                [
                    str(PY_SPY),
                    "record",
                    "--pid",
                    str(process.pid),
                    "--rate",
                    str(SAMPLES_PER_SECOND),
                    "--format",
                    "raw",
                    "--output",
                    str(out / f"{name}.txt"),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
    time.sleep(2)  # py-spy attached
    cpu_ms = measured_load(stack, "profile").cpu_ms
    for spy in spies.values():
        spy.send_signal(signal.SIGINT)  # py-spy writes its file and exits
    for spy in spies.values():
        spy.wait(timeout=60)
    missing = [name for name in spies if not (out / f"{name}.txt").exists()]
    if missing:
        raise RuntimeError(f"py-spy wrote no samples of {missing}: see {out}/*.log")
    steps = {
        name: shares(parse_raw((out / f"{name}.txt").read_text().splitlines()), STEPS[name])
        for name in stack.processes
    }
    return Profile(cpu_ms, steps)


def api_requests(log: Path, start: int) -> Counter[str]:
    """The API's requests logged after byte `start` of its log, by method and route."""
    counted: Counter[str] = Counter()
    with log.open("rb") as handle:
        handle.seek(start)
        for line in handle.read().decode(errors="replace").splitlines():
            match = ACCESS_LINE.search(line)
            if match:
                counted[f"{match[1]} {BENCH_KEY.sub('/{key}', match[2])}"] += 1
    return counted


def demo_model(workdir: Path) -> Path:
    """Rasa's `rasa init` demo bot, trained once and kept under var/bench/."""
    demo = REPO / "var" / "bench" / "rasa-init-demo"
    models = sorted((demo / "models").glob("*.tar.gz")) if demo.exists() else []
    if not models:
        demo.mkdir(parents=True, exist_ok=True)
        print("Training Rasa's demo bot (rasa init), once…", flush=True)
        subprocess.run(  # noqa: S603
            [str(RASA_BIN), "init", "--no-prompt", "--init-dir", str(demo)],
            check=True,
            capture_output=True,
        )
        models = sorted((demo / "models").glob("*.tar.gz"))
    return models[-1]


def print_profile(title: str, found: Profile) -> None:
    print(f"\n{title}: CPU ms per message by step (py-spy, {SAMPLES_PER_SECOND} samples/s)")
    for name, steps in found.steps.items():
        total = found.cpu_ms[name]
        print(f"  {name} ({total:.1f} ms a message while sampled)")
        for label, share in steps.items():
            print(f"    {label:58}{share * total:>7.1f} ms {share:>6.1%}")


def arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="loads of each stack, alternating")
    parser.add_argument("--no-profile", action="store_true", help="latency and CPU only")
    parser.add_argument(
        "--ours-only", action="store_true", help="without the demo bot (no ratios): quicker"
    )
    parser.add_argument(
        "--profile-dir", type=Path, help="keep py-spy's raw samples here (default: thrown away)"
    )
    return parser.parse_args(argv)


@dataclass
class Results:
    runs: dict[str, list[Run]]  # "ours", "demo": one a round
    memory: dict[str, dict[str, float]]  # stack -> process -> MB
    requests: Counter[str]  # the API's, over every round
    profiles: dict[str, Profile]


def main(argv: Sequence[str] | None = None) -> None:
    args = arguments(argv)
    with tempfile.TemporaryDirectory() as tmp:
        samples = args.profile_dir or Path(tmp) / "samples"
        stacks = {"ours": Stack(Path(tmp) / "ours")}
        if not args.ours_only:
            stacks["demo"] = Stack(Path(tmp) / "demo")
        for stack in stacks.values():
            stack.workdir.mkdir()
        try:
            stacks["ours"].start_all()
            if "demo" in stacks:
                model = demo_model(Path(tmp))
                stacks["demo"].start_rasa(model, cwd=model.parent.parent, ours=False)
                stacks["demo"].wait_until_ready()
            results = run_rounds(stacks, args.rounds, None if args.no_profile else samples)
        finally:
            for stack in stacks.values():
                stack.stop()
    report(results, args.rounds)


def run_rounds(stacks: dict[str, Stack], rounds: int, samples: Path | None) -> Results:
    for stack in stacks.values():
        asyncio.run(load_warmup(stack.rasa_url))
    api_log = stacks["ours"].workdir / "api.log"
    log_start = api_log.stat().st_size
    runs: dict[str, list[Run]] = {name: [] for name in stacks}
    for number in range(rounds):
        # Who goes first alternates: a load that grows or falls on the machine meets both.
        order = list(stacks) if number % 2 == 0 else list(reversed(stacks))
        for name in order:
            runs[name].append(measured_load(stacks[name], f"bench{number}"))
    requests = api_requests(api_log, log_start)
    memory = {
        name: {process: rss_mb(p) for process, p in stack.processes.items()}
        for name, stack in stacks.items()
    }
    profiles = {}
    if samples is not None:
        profiles = {name: profile(stack, samples / name) for name, stack in stacks.items()}
    return Results(runs, memory, Counter({k: v // rounds for k, v in requests.items()}), profiles)


def report(results: Results, rounds: int) -> None:
    names = {"ours": "Kohtaamo", "demo": "rasa init demo"}
    ours, demo = results.runs["ours"], results.runs.get("demo")
    print(f"\n{MESSAGES} messages, {CLIENTS} concurrent clients, REST channel, {rounds} rounds")
    print(f"{'':26}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}{'msg/s':>10}{'CPU ms':>10}")

    def row(label: str, run: Run) -> None:
        figures = "".join(f"{run.latency[k]:>10.1f}" for k in ("p50", "p95", "max"))
        cpu = sum(run.cpu_ms.values())
        print(f"{label:26}{figures}{MESSAGES / run.seconds:>10.1f}{cpu:>10.1f}")

    def ratio_row(label: str, our: Run, their: Run) -> None:
        ratio = [our.latency[k] / their.latency[k] for k in ("p50", "p95", "max")]
        cpu = sum(our.cpu_ms.values()) / sum(their.cpu_ms.values())
        speed = their.seconds / our.seconds
        print(f"{label:26}" + "".join(f"{r:>10.2f}" for r in [*ratio, speed, cpu]))

    for number in range(rounds):
        row(f"round {number + 1}: Kohtaamo", ours[number])
        if demo:
            row(f"round {number + 1}: demo", demo[number])
            ratio_row(f"round {number + 1}: ratio", ours[number], demo[number])
    our_median = median_run(ours)
    print(f"{'median of the rounds':26}")
    row("  Kohtaamo", our_median)
    if demo:
        demo_median = median_run(demo)
        row("  rasa init demo", demo_median)
        ratio_row("  ratio (ours / demo)", our_median, demo_median)

    print("\nCPU ms per message (user + system, psutil; median of the rounds)")
    for name, ms in our_median.cpu_ms.items():
        print(f"  Kohtaamo {name:10}{ms:>8.1f}")
    print(f"  Kohtaamo total     {sum(our_median.cpu_ms.values()):>8.1f}")
    if demo:
        print(f"  demo rasa          {demo_median.cpu_ms['rasa']:>8.1f}")

    print("\nResident memory (MB)")
    for name, mb in results.memory["ours"].items():
        print(f"  Kohtaamo {name:10}{mb:>8.0f}")
    print(f"  Kohtaamo total     {sum(results.memory['ours'].values()):>8.0f}")
    if demo:
        theirs = results.memory["demo"]["rasa"]
        print(f"  demo rasa          {theirs:>8.0f}")
        print(f"  ratio (our rasa / demo rasa) {results.memory['ours']['rasa'] / theirs:.2f}")

    print("\nAPI requests per message")
    for route, count in results.requests.most_common():
        print(f"  {route:58}{count / MESSAGES:>6.2f}")
    for name, found in results.profiles.items():
        print_profile(names[name], found)


if __name__ == "__main__":
    main()
