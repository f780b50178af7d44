"""Data access for service pilots that panel members are invited to."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.orm import Pilot


def add(session: Session, pilot: Pilot) -> None:
    """Part of the transaction that also invites the members: the caller commits."""
    session.add(pilot)
    session.flush()


def get(session: Session, pilot_id: int) -> Pilot | None:
    return session.get(Pilot, pilot_id)


def every(session: Session) -> list[Pilot]:
    """The newest first."""
    return list(session.scalars(select(Pilot).order_by(Pilot.id.desc())))
