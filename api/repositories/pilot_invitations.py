"""Data access for panel members' invitations to pilots and their answers."""

from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from api.orm import OutboxMessage, PilotInvitation


def add(session: Session, invitation: PilotInvitation) -> None:
    """Part of the pilot's transaction: the caller commits."""
    session.add(invitation)
    session.flush()


def get(session: Session, invitation_id: str) -> PilotInvitation | None:
    return session.get(PilotInvitation, invitation_id)


def for_pilot(session: Session, pilot_id: int) -> list[PilotInvitation]:
    query = select(PilotInvitation).where(PilotInvitation.pilot_id == pilot_id)
    return list(session.scalars(query.order_by(PilotInvitation.member_id)))


def ids_for_member(session: Session, member_id: int) -> list[str]:
    query = select(PilotInvitation.id).where(PilotInvitation.member_id == member_id)
    return list(session.scalars(query))


def delete_for_member(session: Session, member_id: int) -> None:
    """Part of the member's leaving: the caller commits."""
    session.execute(delete(PilotInvitation).where(PilotInvitation.member_id == member_id))


def answer_counts(session: Session, pilot_ids: Sequence[int]) -> dict[int, dict[str | None, int]]:
    """Per pilot, how many invitations have each answer (None: not answered yet)."""
    query = (
        select(PilotInvitation.pilot_id, PilotInvitation.answer, func.count())
        .where(PilotInvitation.pilot_id.in_(pilot_ids))
        .group_by(PilotInvitation.pilot_id, PilotInvitation.answer)
    )
    found: dict[int, dict[str | None, int]] = {}
    for pilot_id, answer, count in session.execute(query):
        found.setdefault(pilot_id, {})[answer] = count
    return found


def waiting_for_email(session: Session, pilot_ids: Sequence[int]) -> dict[int, int]:
    """Per pilot, how many invitations wait in the outbox for e-mail (nothing sends it yet)."""
    query = (
        select(PilotInvitation.pilot_id, func.count())
        .join(OutboxMessage, OutboxMessage.pilot_invitation_id == PilotInvitation.id)
        .where(
            PilotInvitation.pilot_id.in_(pilot_ids),
            OutboxMessage.deliver_by == "email",
            OutboxMessage.delivered_at.is_(None),
        )
        .group_by(PilotInvitation.pilot_id)
    )
    return {pilot_id: count for pilot_id, count in session.execute(query)}
