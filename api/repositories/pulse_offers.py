"""Data access for pulse_offers: that the survey was offered (for the response rate)."""

from datetime import date

from sqlalchemy.orm import Session

from api.orm import PulseOffer


def stage(
    session: Session, *, week_start: date, offer_kind: str, channel: str, language: str
) -> None:
    """Adds the row to the caller's transaction (the caller commits)."""
    session.add(
        PulseOffer(week_start=week_start, offer_kind=offer_kind, channel=channel, language=language)
    )
