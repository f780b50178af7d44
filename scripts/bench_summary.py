"""`make bench-summary`: latency of the advisor's meeting summary with 100,000 stored answers.

Fills a database of its own (a temporary SQLite file, or an EMPTY database given with
`--database-url`, e.g. PostgreSQL) with 50 advisors, 10,000 meetings and 100,000 answers
(made-up text), then times 500 summary requests through the real ASGI app (httpx's
ASGITransport, the app's lifespan, the session cookie, the audit write) and prints p50, p95
and max in ms and the row counts. A benchmark, not a test.
"""

import argparse
import asyncio
import random
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from alembic import command
from alembic.config import Config
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from api.core.database import make_engine
from api.core.settings import REPO_ROOT, ApiSettings
from api.main import create_app
from api.orm import AuditEntry, FaqTopicAsk, Meeting, MeetingAnswer, User
from api.repositories import user_sessions
from vocabulary.languages import LANGUAGES
from vocabulary.meetings import SECTIONS

NOW = datetime.now(UTC)
WORDS = (
    "haluan", "työtä", "palkkatuki", "koulutus", "aikataulu", "huoli", "lapset", "matka",
    "kurssi", "osa-aika", "tavoite", "kokemus", "hakemus", "ehdotus", "kysymys", "etätyö",
    "terveys", "ajokortti", "kieli",
)  # fmt: skip
TOPICS = ("appeal", "employment_plan", "job_search_obligation", "pay_subsidy", "sanctions")


def migrate(url: str) -> None:
    config = Config(str(REPO_ROOT / "api" / "alembic.ini"))
    config.attributes["database_url"] = url
    command.upgrade(config, "head")


def made_up_text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 40))).capitalize() + "."


def fill(session: Session, advisors: int, meetings: int, answers: int) -> list[tuple[str, int]]:
    """Rows in bulk; returns (meeting id, advisor id) of every meeting."""
    rng = random.Random(2026)  # made-up data, not secrets
    session.execute(
        insert(User),
        [
            {
                "email": f"advisor{n}@example.org",
                "display_name": f"Advisor {n}",
                "role": "advisor",
                "password_hash": "not-a-hash: these users never log in with a password",
                "is_active": True,
                "created_at": NOW,
            }
            for n in range(advisors)
        ],
    )
    advisor_ids = list(session.scalars(select(User.id).order_by(User.id)))
    rows = []
    for n in range(meetings):
        starts_at = NOW + timedelta(hours=rng.randint(-200, 400))
        rows.append(
            {
                "id": str(uuid.uuid4()),
                "advisor_id": advisor_ids[n % advisors],
                "client_ref": f"bench-{n}",
                "starts_at": starts_at,
                "language": rng.choice(LANGUAGES),
                "invite_code": f"{n:013d}",
                "invite_expires_at": starts_at + timedelta(hours=24),
                "conversation_key": f"bench-conversation-{n}",
                "redeemed_at": NOW,
                "consent": True,
                "consent_at": NOW,
                "last_client_change_at": NOW,
                "created_at": NOW,
            }
        )
    session.execute(insert(Meeting), rows)
    batch: list[dict[str, object]] = []
    for n in range(answers):
        meeting = rows[n % meetings]
        batch.append(
            {
                "meeting_id": meeting["id"],
                "section": rng.choice(SECTIONS),
                "text": made_up_text(rng),
                "language": meeting["language"],
                "at": NOW - timedelta(minutes=rng.randint(0, 5000)),
            }
        )
        if len(batch) == 10_000:
            session.execute(insert(MeetingAnswer), batch)
            batch = []
    if batch:
        session.execute(insert(MeetingAnswer), batch)
    session.execute(
        insert(FaqTopicAsk),
        [
            {
                "conversation_key": meeting["conversation_key"],
                "topic": rng.choice(TOPICS),
                "at": NOW - timedelta(minutes=rng.randint(0, 5000)),
            }
            for meeting in rows
            for _ in range(3)
        ],
    )
    session.commit()
    return [(str(m["id"]), int(str(m["advisor_id"]))) for m in rows]


def counts(session: Session) -> dict[str, int]:
    tables = {
        "advisors": User,
        "meetings": Meeting,
        "answers": MeetingAnswer,
        "faq topic asks": FaqTopicAsk,
        "audit rows": AuditEntry,
    }
    return {
        name: session.scalar(select(func.count()).select_from(table)) or 0
        for name, table in tables.items()
    }


async def time_requests(
    settings: ApiSettings, targets: list[tuple[str, str]], warmup: int
) -> list[float]:
    app = create_app(settings)
    latencies = []
    async with app.router.lifespan_context(app):
        # As an API that has been up a while: the theme model the lifespan warms in the
        # background is loaded before the timing starts, not during it.
        await asyncio.to_thread(app.state.theme_classifier.warm)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            for number, (meeting_id, token) in enumerate(targets):
                started = time.perf_counter()
                reply = await client.get(
                    f"/api/v1/meetings/{meeting_id}/summary",
                    headers={"Cookie": f"kohtaamo_session={token}"},
                )
                elapsed = (time.perf_counter() - started) * 1000
                reply.raise_for_status()
                if number >= warmup:
                    latencies.append(elapsed)
    return latencies


def run(url: str, args: argparse.Namespace) -> None:
    migrate(url)
    engine = make_engine(url)
    with Session(engine) as session:
        if counts(session)["meetings"]:
            raise SystemExit("the database is not empty: give an empty one")
        print(f"Filling {url.split('@')[-1]} …", flush=True)
        started = time.perf_counter()
        meetings = fill(session, args.advisors, args.meetings, args.answers)
        print(f"  filled in {time.perf_counter() - started:.1f} s", flush=True)
        tokens = {}
        for user in session.scalars(select(User)):
            token, _ = user_sessions.create(
                session, user, now=datetime.now(UTC), lifetime=timedelta(hours=8)
            )
            tokens[user.id] = token
    rng = random.Random(7)
    picks = [rng.choice(meetings) for _ in range(args.requests + args.warmup)]
    targets = [(meeting_id, tokens[advisor_id]) for meeting_id, advisor_id in picks]

    settings = ApiSettings(database_url=url)
    latencies = sorted(asyncio.run(time_requests(settings, targets, args.warmup)))
    with Session(engine) as session:
        rows = counts(session)
    engine.dispose()

    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print("\nRows: " + ", ".join(f"{count:,} {name}" for name, count in rows.items()))
    print(f"{len(latencies)} summary requests (after {args.warmup} warm-up), one at a time:")
    p50, worst = statistics.median(latencies), latencies[-1]
    print(f"  p50 {p50:.1f} ms   p95 {p95:.1f} ms   max {worst:.1f} ms")
    print(f"  p95 {'<' if p95 < 50 else '>='} 50 ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--database-url", help="an EMPTY database (default: a temp SQLite file)")
    parser.add_argument("--advisors", type=int, default=50)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args()
    if args.database_url:
        run(args.database_url, args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        run(f"sqlite:///{Path(tmp) / 'bench.db'}", args)


if __name__ == "__main__":
    main()
