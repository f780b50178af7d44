"""`make bench-input`: how long a client's small message takes while others send large and
adversarial input, against the real stack (tests/support/stack.py).

One client says "Hei!" 40 times, one after the other; meanwhile 4 senders post, as fast as
they are answered, one of: nothing (idle), messages over the limit (100,000 characters:
answered at Rasa's door), bodies over Sanic's limit (2 MiB: 413 before they are read), and
adversarial messages at the limit (long words full of digits and @ for the redaction
patterns, control characters, markup). Prints p50, p95 and max of the small message's
latency per condition, and what the attackers got. A benchmark, not a test.
"""

import asyncio
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import httpx

from tests.support.stack import Stack
from vocabulary.messages import MAX_MESSAGE_LENGTH

SMALL_MESSAGES = 40
ATTACKERS = 4


def over_limit(n: int) -> bytes | dict[str, object]:
    return {"sender": f"long-{n}", "message": "x" * 100_000}


def huge_body(n: int) -> bytes | dict[str, object]:
    return b'{"sender": "huge", "message": "' + b"x" * (2 << 20) + b'"}'


def adversarial(n: int) -> bytes | dict[str, object]:
    kinds = [
        "1" * MAX_MESSAGE_LENGTH,
        ("a@" * (MAX_MESSAGE_LENGTH // 2))[:MAX_MESSAGE_LENGTH],
        ("040 " * (MAX_MESSAGE_LENGTH // 4))[:MAX_MESSAGE_LENGTH],
        ("\x00\x1b<script>" * 200)[:MAX_MESSAGE_LENGTH],
        ("FI21" + "1234 " * 400)[:MAX_MESSAGE_LENGTH],
    ]
    return {"sender": f"adv-{n}", "message": kinds[n % len(kinds)]}


CONDITIONS: dict[str, Callable[[int], bytes | dict[str, object]] | None] = {
    "idle": None,
    "over the limit (100,000 chars)": over_limit,
    "bodies over 1 MiB (413)": huge_body,
    "adversarial at the limit": adversarial,
}


async def attacker(
    url: str,
    make: Callable[[int], bytes | dict[str, object]],
    stop: asyncio.Event,
    got: Counter[int],
) -> None:
    async with httpx.AsyncClient(timeout=120) as http:
        n = 0
        while not stop.is_set():
            body = make(n)
            try:
                if isinstance(body, bytes):
                    reply = await http.post(
                        url, content=body, headers={"Content-Type": "application/json"}
                    )
                else:
                    reply = await http.post(url, json=body)
                got[reply.status_code] += 1
            except httpx.HTTPError:
                got[0] += 1  # the server closed the connection (as after a 413)
            n += 1


async def measure(
    url: str, make: Callable[[int], bytes | dict[str, object]] | None
) -> tuple[list[float], Counter[int]]:
    stop, got = asyncio.Event(), Counter[int]()
    attackers = (
        [asyncio.create_task(attacker(url, make, stop, got)) for _ in range(ATTACKERS)]
        if make is not None
        else []
    )
    latencies = []
    async with httpx.AsyncClient(timeout=120) as http:
        await asyncio.sleep(1 if make else 0)
        for i in range(SMALL_MESSAGES):
            started = time.perf_counter()
            reply = await http.post(url, json={"sender": f"small-{i}", "message": "Hei!"})
            reply.raise_for_status()
            latencies.append((time.perf_counter() - started) * 1000)
    stop.set()
    await asyncio.gather(*attackers)
    return latencies, got


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        stack = Stack(Path(workdir))
        try:
            stack.start_all()
            url = f"{stack.rasa_url}/webhooks/rest/webhook"
            asyncio.run(measure(url, None))  # warm-up
            print(f"'Hei!' latency, {SMALL_MESSAGES} messages, {ATTACKERS} senders of each kind")
            print(f"{'condition':34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  attackers got")
            for name, make in CONDITIONS.items():
                latencies, got = asyncio.run(measure(url, make))
                p95 = statistics.quantiles(latencies, n=20)[-1]
                answers = ", ".join(
                    f"{code or 'closed'}: {count}" for code, count in sorted(got.items())
                )
                print(
                    f"{name:34} {statistics.median(latencies):8.0f} {p95:8.0f}"
                    f" {max(latencies):8.0f}  {answers or '-'}"
                )
        finally:
            stack.stop()


if __name__ == "__main__":
    main()
