"""Pulse answers, offers and proposals stored as the pulse and proposals services store them
(ORM rows), for the analytics tests; and the figures computed from them the plain way."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from api.orm import Proposal, PulseAnswer, PulseOffer
from vocabulary.service_steps import DRIVERS, Driver

MONDAY = date(2026, 11, 23)  # the week of the tests' clock (2026-12-01) is 2026-11-30


def mask(*drivers: Driver) -> int:
    return sum(1 << DRIVERS.index(driver) for driver in drivers)


def answer(**fields: Any) -> PulseAnswer:
    values: dict[str, Any] = {
        "week_start": MONDAY,
        "step": "initial_interview",
        "channel": "web",
        "language": "fi",
        "offer_kind": "after_meeting",
        "outcome": "yes",
        "rating": 4,
        "went_well": 0,
        "to_improve": 0,
        "went_well_text": None,
        "to_improve_text": None,
    }
    values.update(fields)
    # A text is stored with its theme (api/services/pulse/answers.py): "other" unless given.
    for side in ("went_well", "to_improve"):
        if values[f"{side}_text"] and f"{side}_theme" not in fields:
            values[f"{side}_theme"] = "other"
    return PulseAnswer(**values)


def store(db: Session, rows: Iterable[object]) -> None:
    db.add_all(rows)
    db.commit()


def answers(count: int, **fields: Any) -> list[PulseAnswer]:
    return [answer(**fields) for _ in range(count)]


def offers(count: int, **fields: Any) -> list[PulseOffer]:
    values: dict[str, Any] = {
        "week_start": MONDAY,
        "offer_kind": "after_meeting",
        "channel": "web",
        "language": "fi",
    }
    values.update(fields)
    return [PulseOffer(**values) for _ in range(count)]


def proposals(count: int, **fields: Any) -> list[Proposal]:
    values: dict[str, Any] = {
        "theme": "training",
        "text": "Lisää kursseja",
        "language": "fi",
        "channel": "web",
        "source": "chat",
        "week_start": MONDAY,
    }
    values.update(fields)
    return [Proposal(**values) for _ in range(count)]


def plain_mean(rows: Sequence[PulseAnswer]) -> float | None:
    ratings = [row.rating for row in rows if row.rating is not None]
    return round(sum(ratings) / len(ratings), 2) if ratings else None
