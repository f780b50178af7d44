"""Data access for proposals: clients' proposals, anonymous and redacted."""

from datetime import date

from sqlalchemy.orm import Session

from api.orm import Proposal


def stage(
    session: Session,
    *,
    theme: str,
    redacted_text: str,
    language: str,
    channel: str,
    source: str,
    week_start: date,
) -> Proposal:
    """Adds the proposal to the caller's transaction (the caller commits)."""
    proposal = Proposal(
        theme=theme,
        text=redacted_text,
        language=language,
        channel=channel,
        source=source,
        week_start=week_start,
    )
    session.add(proposal)
    return proposal
