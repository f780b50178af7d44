"""`make bench-analytics`: the dashboard's aggregates over 1,000,000 pulse answers.

Fills a database of its own, on SQLite (a temporary file) and on PostgreSQL (a throw-away
database at 127.0.0.1:5432, created and dropped; trust authentication), with made-up
anonymous answers over two years, stored week by week (1,000,000 by default, about 15 % with
a free text in fi/sv/en, each with a stored theme as the API stores it: the requests embed
nothing), 1,500,000 offers and 20,000 proposals, in bulk (PostgreSQL:
COPY; the rows go through the same triggers of migration 0007 as any write). Then it times,
through the real ASGI app with an analyst's session cookie, GET /api/v1/analytics/pulse and
/proposals for all the weeks and for the default 12 weeks, and the /analyst page, and prints
p50, p95 and max in ms. A benchmark, not a test: the target is p95 < 300 ms.
"""

import argparse
import asyncio
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from api.core.database import make_engine
from api.core.security import SESSION_COOKIE
from api.core.settings import REPO_ROOT, ApiSettings
from api.main import create_app
from api.orm import Proposal, PulseAnswer, PulseAnswerMargin, PulseOffer, User
from api.repositories import user_sessions
from vocabulary.channels import CHANNELS
from vocabulary.languages import LANGUAGES
from vocabulary.participation import PROPOSAL_SOURCES, THEMES
from vocabulary.service_steps import DRIVERS, OFFER_KINDS, OUTCOMES, SERVICE_STEPS

POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
TODAY = date(2026, 12, 1)
FIRST_MONDAY = date(2024, 12, 2)
WEEKS = 105  # 2024-12-02 .. 2026-11-30
WORDS = {
    "fi": (
        "jonotus", "puhelin", "aika", "neuvoja", "sivut", "tieto", "lomake", "kurssi",
        "palvelu", "ajanvaraus", "odotus", "selkeä", "nopea", "vastaus", "viesti", "ohje",
    ),
    "sv": (
        "kö", "telefon", "tid", "rådgivare", "sidor", "information", "blankett", "kurs",
        "tjänst", "bokning", "väntan", "tydlig", "snabb", "svar", "meddelande", "möte",
    ),
    "en": (
        "queue", "phone", "time", "advisor", "pages", "information", "form", "course",
        "service", "booking", "waiting", "clear", "quick", "answer", "message", "meeting",
    ),
}  # fmt: skip
BATCH = 100_000


def migrate(url: str) -> None:
    config = Config(str(REPO_ROOT / "api" / "alembic.ini"))
    config.attributes["database_url"] = url
    command.upgrade(config, "head")


def made_up_text(rng: random.Random, language: str) -> str:
    words = WORDS[language]
    return " ".join(rng.choice(words) for _ in range(rng.randint(3, 14))).capitalize() + "."


def in_week_order(rng: random.Random, count: int) -> Iterator[date]:
    """Each row's week, in the order they arrive: week by week, as a service stores them."""
    per_week = [0] * WEEKS
    for _ in range(count):
        per_week[rng.randrange(WEEKS)] += 1
    for week, rows in enumerate(per_week):
        for _ in range(rows):
            yield FIRST_MONDAY + timedelta(weeks=week)


def answer_rows(rng: random.Random, count: int) -> Iterator[dict[str, object]]:
    drivers = 1 << len(DRIVERS)
    for week_start in in_week_order(rng, count):
        language = rng.choice(LANGUAGES)
        went_well_text = made_up_text(rng, language) if rng.random() < 0.12 else None
        to_improve_text = made_up_text(rng, language) if rng.random() < 0.18 else None
        yield {
            "week_start": week_start,
            "step": rng.choice(SERVICE_STEPS),
            "channel": rng.choice(CHANNELS),
            "language": language,
            "offer_kind": rng.choice(OFFER_KINDS),
            "outcome": rng.choice((*OUTCOMES, None)),
            "rating": rng.choice((1, 2, 3, 4, 5, None)),
            "went_well": rng.randrange(drivers) & rng.randrange(drivers),
            "to_improve": rng.randrange(drivers) & rng.randrange(drivers),
            "went_well_text": went_well_text,
            "to_improve_text": to_improve_text,
            # Made-up themes: the classifier's work is done when a text is stored, not here.
            "went_well_theme": rng.choice(THEMES) if went_well_text else None,
            "to_improve_theme": rng.choice(THEMES) if to_improve_text else None,
        }


def offer_rows(rng: random.Random, count: int) -> Iterator[dict[str, object]]:
    for week_start in in_week_order(rng, count):
        yield {
            "week_start": week_start,
            "offer_kind": rng.choice(OFFER_KINDS),
            "channel": rng.choice(CHANNELS),
            "language": rng.choice(LANGUAGES),
        }


def proposal_rows(rng: random.Random, count: int) -> Iterator[dict[str, object]]:
    for week_start in in_week_order(rng, count):
        language = rng.choice(LANGUAGES)
        yield {
            "theme": rng.choice(THEMES),
            "text": made_up_text(rng, language),
            "language": language,
            "channel": rng.choice(CHANNELS),
            "source": rng.choice(PROPOSAL_SOURCES),
            "week_start": week_start,
        }


def batches(rows: Iterator[dict[str, object]]) -> Iterator[list[dict[str, object]]]:
    batch: list[dict[str, object]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def copy_into(engine: Engine, table: str, batch: list[dict[str, object]]) -> None:
    """PostgreSQL's COPY: one statement per batch, so the statement-level triggers run once."""
    columns = list(batch[0])
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in batch:
                copy.write_row([row[column] for column in columns])
        connection.commit()
    finally:
        connection.close()


def fill(engine: Engine, args: argparse.Namespace) -> None:
    rng = random.Random(2026)  # made-up data, not secrets
    postgres = engine.dialect.name == "postgresql"
    tables = (
        (PulseAnswer, answer_rows(rng, args.answers)),
        (PulseOffer, offer_rows(rng, args.offers)),
        (Proposal, proposal_rows(rng, args.proposals)),
    )
    for model, rows in tables:
        for batch in batches(rows):
            if postgres:
                copy_into(engine, model.__tablename__, batch)
            else:
                with Session(engine) as session:
                    session.execute(insert(model), batch)
                    session.commit()
    if postgres:
        with engine.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()


def analyst_token(engine: Engine) -> str:
    with Session(engine) as session:
        user = User(
            email="bench.analyst@example.org",
            display_name="Bench analyst",
            role="analyst",
            password_hash="not-a-hash: this user never logs in with a password",  # noqa: S106
            is_active=True,
            created_at=datetime.now(UTC),
        )
        session.add(user)
        session.commit()
        token, _ = user_sessions.create(
            session, user, now=datetime.now(UTC), lifetime=timedelta(hours=8)
        )
        return token


async def time_requests(
    settings: ApiSettings, token: str, targets: list[tuple[str, str]], runs: int, warmup: int
) -> dict[str, list[float]]:
    app = create_app(settings)
    latencies: dict[str, list[float]] = {}
    async with app.router.lifespan_context(app):
        # As an API that has been up a while: the theme model the lifespan warms in the
        # background is loaded before the timing starts, not during it.
        await asyncio.to_thread(app.state.theme_classifier.warm)
        transport = httpx.ASGITransport(app=app)
        cookies = {SESSION_COOKIE: token}
        async with httpx.AsyncClient(
            transport=transport, base_url="http://bench", cookies=cookies
        ) as client:
            for name, path in targets:
                times = latencies.setdefault(name, [])
                for number in range(runs + warmup):
                    started = time.perf_counter()
                    reply = await client.get(path)
                    elapsed = (time.perf_counter() - started) * 1000
                    reply.raise_for_status()
                    if number >= warmup:
                        times.append(elapsed)
    return latencies


def run(url: str, args: argparse.Namespace) -> None:
    migrate(url)
    engine = make_engine(url)
    label = "PostgreSQL" if engine.dialect.name == "postgresql" else "SQLite"
    print(f"\n{label}: filling …", flush=True)
    started = time.perf_counter()
    fill(engine, args)
    print(f"  filled in {time.perf_counter() - started:.0f} s", flush=True)
    with Session(engine) as session:
        answers = session.scalar(select(func.count()).select_from(PulseAnswer)) or 0
        offers = session.scalar(select(func.count()).select_from(PulseOffer)) or 0
        margins = session.scalar(select(func.count()).select_from(PulseAnswerMargin)) or 0
        counted = session.scalar(
            select(func.sum(PulseAnswerMargin.answers)).where(
                PulseAnswerMargin.dimension == "outcome"
            )
        )
    assert counted == answers, "the margins must count every answer"  # noqa: S101
    token = analyst_token(engine)
    engine.dispose()

    last = FIRST_MONDAY + timedelta(weeks=WEEKS, days=-1)
    everything = f"from={FIRST_MONDAY.isoformat()}&to={last.isoformat()}"
    targets = [
        ("pulse, all 105 weeks", f"/api/v1/analytics/pulse?{everything}"),
        ("pulse, last 12 weeks", "/api/v1/analytics/pulse"),
        ("proposals, all weeks", f"/api/v1/analytics/proposals?{everything}"),
        ("dashboard page, all weeks", f"/analyst?{everything}"),
        ("dashboard page, 12 weeks", "/analyst"),
    ]
    settings = ApiSettings(database_url=url, today=TODAY)
    latencies = asyncio.run(time_requests(settings, token, targets, args.requests, args.warmup))
    print(f"  {answers:,} answers, {offers:,} offers, {margins:,} margin rows")
    print(f"  {args.requests} requests each (after {args.warmup} warm-up), one at a time:")
    for name, times in latencies.items():
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        mark = "<" if p95 < 300 else ">="
        print(
            f"  {name:28} p50 {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms"
            f"   max {times[-1]:6.1f} ms   (p95 {mark} 300 ms)"
        )


def with_postgres(args: argparse.Namespace) -> None:
    name = f"kohtaamo_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        run(POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}", args)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--offers", type=int, default=1_500_000)
    parser.add_argument("--proposals", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    if args.only != "postgres":
        with tempfile.TemporaryDirectory() as tmp:
            run(f"sqlite:///{Path(tmp) / 'bench.db'}", args)
    if args.only != "sqlite":
        with_postgres(args)


if __name__ == "__main__":
    main()
