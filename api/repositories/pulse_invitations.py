"""Data access for pulse_invitations: a survey waiting for a client after a held meeting."""

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from api.orm import PulseInvitation


def step_of(session: Session, conversation_key: str) -> str | None:
    invitation = session.get(PulseInvitation, conversation_key)
    return None if invitation is None else invitation.step


def stage(session: Session, conversation_key: str, step: str, *, now: datetime) -> None:
    """One invitation per conversation: a newer meeting's replaces an older one. The caller
    commits."""
    invitation = session.get(PulseInvitation, conversation_key)
    if invitation is None:
        session.add(PulseInvitation(conversation_key=conversation_key, step=step, created_at=now))
    else:
        invitation.step = step
        invitation.created_at = now


def take(session: Session, conversation_key: str) -> bool:
    """Deletes the invitation; true only for the one caller that deleted it (concurrent offers
    for the same conversation: one wins). The caller commits."""
    result = session.execute(
        delete(PulseInvitation).where(PulseInvitation.conversation_key == conversation_key)
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def delete_before(session: Session, cutoff: datetime) -> int:
    """The caller commits."""
    result = session.execute(delete(PulseInvitation).where(PulseInvitation.created_at < cutoff))
    return int(result.rowcount)  # type: ignore[attr-defined]
