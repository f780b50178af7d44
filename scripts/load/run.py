"""Runs scripts/load/locustfile.py's clients with Locust as a library (in .venvs/load) until
each has done its one scenario; prints the statistics as JSON on the last line.

    python scripts/load/run.py --host URL --clients N --spawn-rate R
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import gevent
from locust.env import Environment
from locust.stats import StatsEntry

sys.path.insert(0, str(Path(__file__).resolve().parent))
import locustfile


def entry(stats: StatsEntry) -> dict[str, float]:
    return {
        "requests": stats.num_requests,
        "failures": stats.num_failures,
        "p50": stats.get_response_time_percentile(0.5),
        "p95": stats.get_response_time_percentile(0.95),
        "max": stats.max_response_time,
        "rps": stats.total_rps,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", required=True)
    parser.add_argument("--clients", type=int, required=True)
    parser.add_argument("--spawn-rate", type=float, default=20)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds for all of them")
    args = parser.parse_args()

    env = Environment(user_classes=[locustfile.Client], host=args.host)
    runner = env.create_local_runner()
    started = time.monotonic()
    runner.start(args.clients, spawn_rate=args.spawn_rate)
    while locustfile.finished() < args.clients and time.monotonic() - started < args.timeout:
        gevent.sleep(0.5)
    elapsed = time.monotonic() - started
    runner.quit()
    errors = {f"{e.name}: {e.error}": e.occurrences for e in env.stats.errors.values()}
    result = {
        "seconds": elapsed,
        "finished": locustfile.finished(),
        "total": entry(env.stats.total),
        "by_name": {name: entry(stats) for (name, _), stats in env.stats.entries.items()},
        "errors": errors,
    }
    result["total"]["rps"] = result["total"]["requests"] / elapsed
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
