"""`make bench-load`: 100 concurrent simulated clients against the running stack.

    python scripts/bench_load.py [--clients 100] [--spawn-rate 20] [--profile production]

Starts the real Rasa server, action server and API (the embedded default: SQLite, as `make
run`; or `--profile production`, `make bench-load BENCH_PROFILE=production`: the production
profile as `make run-production` starts it, two Rasa servers, two action servers and two API
instances behind HAProxy, on PostgreSQL and Redis, and the clients talk to HAProxy), makes an
advisor and one meeting per client through the API, then runs Locust as a library
(scripts/load/run.py, in the load environment .venvs/load) with the clients of
scripts/load/locustfile.py: each client opens its invitation over the REST channel, completes
the meeting preparation and then the pulse survey. Prints Locust's throughput, p50/p95 latency
and errors, then checks the API's database (SQLite or PostgreSQL): every confirmed
preparation stored exactly once (no answer lost, none twice) and one pulse answer per client.
Exits non-zero if a floor is missed (0 errors, 0 lost, 0 duplicated).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.support.production import running_profile  # noqa: E402
from tests.support.stack import Stack, running_stack  # noqa: E402
from tests.support.staff import create_user, login, new_meeting  # noqa: E402

LOAD_PYTHON = REPO / ".venvs" / "load" / "bin" / "python"
RUNNER = REPO / "scripts" / "load" / "run.py"
STORED_SECTIONS = 5  # as scripts/load/locustfile.py answers the preparation
PROFILES = {
    "embedded": "embedded default (SQLite)",
    "production": "production profile (2 Rasa, 2 action servers, 2 API behind HAProxy;"
    " PostgreSQL, Redis)",
}


def invite(stack: Stack, clients: int) -> list[str]:
    create_user(stack, "load-advisor@example.test", "advisor", "Kuormitus Testaaja")
    advisor = login(stack, "load-advisor@example.test")
    try:
        return [new_meeting(advisor, "fi")["invite_code"] for _ in range(clients)]
    finally:
        advisor.close()


def run_locust(stack: Stack, codes: list[str], spawn_rate: int) -> dict[str, Any]:
    """Locust as a library in its own environment (scripts/load/run.py); its statistics."""
    if not LOAD_PYTHON.exists():
        raise SystemExit(f"{LOAD_PYTHON} is missing: run `make bench-load` (it installs it)")
    command = [
        str(LOAD_PYTHON), str(RUNNER), "--host", stack.rasa_url,
        "--clients", str(len(codes)), "--spawn-rate", str(spawn_rate),
    ]  # fmt: skip
    env = {**os.environ, "BENCH_LOAD_CODES": json.dumps(codes)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        print(done.stderr[-4000:], file=sys.stderr)
        raise SystemExit(f"the load run exited with {done.returncode}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def check_database(stack: Stack, codes: list[str]) -> dict[str, int]:
    counted = stack.rows(
        "SELECT m.invite_code AS code, m.confirmed_at IS NOT NULL AS confirmed, "
        "COUNT(a.id) AS answers, COUNT(DISTINCT a.section) AS sections "
        "FROM meetings m LEFT JOIN meeting_answers a ON a.meeting_id = m.id GROUP BY m.id"
    )
    wanted = {code.replace("-", "") for code in codes}  # stored without the dashes shown
    mine = {row["code"]: row for row in counted if row["code"] in wanted}
    confirmed = [row for row in mine.values() if row["confirmed"]]
    lost = sum(1 for row in confirmed if row["sections"] < STORED_SECTIONS)
    lost += len(codes) - len(confirmed)
    duplicated = sum(row["answers"] - row["sections"] for row in confirmed)
    pulse = stack.rows("SELECT COUNT(*) AS n FROM pulse_answers")[0]["n"]
    return {
        "confirmed": len(confirmed),
        "lost": lost,
        "duplicated": duplicated,
        "pulse_answers": pulse,
        "pulse_lost": max(0, len(codes) - pulse),
        "pulse_duplicated": max(0, pulse - len(codes)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--spawn-rate", type=int, default=20, help="clients started per second")
    parser.add_argument("--profile", choices=sorted(PROFILES), default="embedded")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="bench-load-") as folder,
        # Rasa's own ticket lifetime in the production profile: nothing is killed here.
        (
            running_profile(Path(folder), lock_lifetime=60)
            if args.profile == "production"
            else running_stack(Path(folder))
        ) as stack,
    ):
        codes = invite(stack, args.clients)
        stats = run_locust(stack, codes, args.spawn_rate)
        stored = check_database(stack, codes)
    total = stats["total"]
    failures = int(total["failures"])
    print(
        f"bench-load, {PROFILES[args.profile]}, {args.clients} concurrent clients, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}:\n"
        f"  {stats['finished']} scenarios in {stats['seconds']:.0f} s: {total['requests']} "
        f"messages, {total['rps']:.1f} msg/s, p50 {total['p50']:.0f} ms, "
        f"p95 {total['p95']:.0f} ms, max {total['max']:.0f} ms, errors {failures}\n"
        f"  preparations confirmed {stored['confirmed']}/{args.clients}: lost {stored['lost']}, "
        f"duplicated answers {stored['duplicated']}\n"
        f"  pulse answers {stored['pulse_answers']}/{args.clients}: lost {stored['pulse_lost']}, "
        f"duplicated {stored['pulse_duplicated']}"
    )
    for name, row in stats["by_name"].items():
        p50, p95 = row["p50"], row["p95"]
        print(f"  {name}: {row['requests']} messages, p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    for error, times in stats["errors"].items():
        print(f"  error x{times}: {error}")
    missed = failures or stored["lost"] or stored["duplicated"]
    missed = missed or stored["pulse_lost"] or stored["pulse_duplicated"]
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
