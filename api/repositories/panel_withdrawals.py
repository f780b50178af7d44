"""Data access for the record that someone left the panel: the day only, never who."""

from datetime import date

from sqlalchemy.orm import Session

from api.orm import PanelWithdrawal


def add(session: Session, *, on: date) -> None:
    """Part of the leaving member's transaction: the caller commits."""
    session.add(PanelWithdrawal(withdrawn_on=on))
    session.flush()
