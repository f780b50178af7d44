"""`make bench-latency`: REST latency and memory of Kohtaamo against Rasa's own demo bot.

500 messages from 10 concurrent simulated clients, to our full stack (Rasa server, action
server, API) and then to the `rasa init` demo bot in the same rasa environment. Prints p50,
p95 and max latency, resident memory per process and the ratios. A benchmark, not a test.
"""

import asyncio
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import httpx
import psutil

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


async def client(stack_url: str, number: int, count: int, latencies: list[float]) -> None:
    async with httpx.AsyncClient(timeout=120) as http:
        for i in range(count):
            sender = f"bench-{number}-{i // len(CONVERSATION)}"
            text = CONVERSATION[i % len(CONVERSATION)]
            started = time.perf_counter()
            reply = await http.post(
                f"{stack_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
            )
            reply.raise_for_status()
            latencies.append((time.perf_counter() - started) * 1000)


async def load(rasa_url: str) -> list[float]:
    latencies: list[float] = []
    per_client = MESSAGES // CLIENTS
    await asyncio.gather(*(client(rasa_url, n, per_client, latencies) for n in range(CLIENTS)))
    return latencies


def rss_mb(process: subprocess.Popen[bytes]) -> float:
    root = psutil.Process(process.pid)
    total = sum(p.memory_info().rss for p in [root, *root.children(recursive=True)])
    return float(total) / 2**20


def summary(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    return {
        "p50": statistics.median(ordered),
        "p95": ordered[int(0.95 * (len(ordered) - 1))],
        "max": ordered[-1],
    }


def measure(stack: Stack) -> tuple[dict[str, float], dict[str, float]]:
    asyncio.run(load_warmup(stack.rasa_url))
    figures = summary(asyncio.run(load(stack.rasa_url)))
    memory = {name: rss_mb(process) for name, process in stack.processes.items()}
    return figures, memory


async def load_warmup(rasa_url: str) -> None:
    async with httpx.AsyncClient(timeout=120) as http:
        for text in CONVERSATION:
            await http.post(
                f"{rasa_url}/webhooks/rest/webhook", json={"sender": "warmup", "message": text}
            )


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


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ours = Stack(Path(tmp) / "ours")
        ours.workdir.mkdir()
        try:
            ours.start_all()
            our_latency, our_memory = measure(ours)
        finally:
            ours.stop()

        model = demo_model(Path(tmp))
        demo = Stack(Path(tmp) / "demo")
        demo.workdir.mkdir()
        try:
            demo.start_rasa(model, cwd=model.parent.parent, ours=False)
            demo.wait_until_ready()
            demo_latency, demo_memory = measure(demo)
        finally:
            demo.stop()

    print(f"\n{MESSAGES} messages, {CLIENTS} concurrent clients, REST channel")
    print(f"{'':22}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for name, figures in (("Kohtaamo", our_latency), ("rasa init demo", demo_latency)):
        print(f"{name:22}" + "".join(f"{figures[k]:>10.1f}" for k in ("p50", "p95", "max")))
    ratio = {k: our_latency[k] / demo_latency[k] for k in our_latency}
    print(f"{'ratio (ours / demo)':22}" + "".join(f"{ratio[k]:>10.2f}" for k in ratio))
    print("\nResident memory (MB)")
    for name, mb in our_memory.items():
        print(f"  Kohtaamo {name:10}{mb:>8.0f}")
    print(f"  Kohtaamo total     {sum(our_memory.values()):>8.0f}")
    print(f"  demo rasa          {demo_memory['rasa']:>8.0f}")
    print(f"  ratio (our rasa / demo rasa) {our_memory['rasa'] / demo_memory['rasa']:.2f}")


if __name__ == "__main__":
    main()
