"""Data access for the outbox: messages the channels push to clients."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.orm import OutboxMessage

MAX_BATCH = 100


def stage(
    session: Session,
    conversation_key: str,
    text: str,
    *,
    now: datetime,
    meeting_id: str | None = None,
    purpose: str = "reminder",
    step: str | None = None,
) -> OutboxMessage:
    """Adds the message to the caller's transaction (the caller commits)."""
    message = OutboxMessage(
        conversation_key=conversation_key,
        meeting_id=meeting_id,
        text=text,
        created_at=now,
        purpose=purpose,
        step=step,
    )
    session.add(message)
    return message


def add(
    session: Session,
    conversation_key: str,
    text: str,
    *,
    now: datetime,
    meeting_id: str | None = None,
) -> OutboxMessage:
    """A reminder, committed."""
    message = stage(session, conversation_key, text, now=now, meeting_id=meeting_id)
    session.commit()
    return message


def undelivered(session: Session, key_prefix: str, limit: int = MAX_BATCH) -> list[OutboxMessage]:
    """The oldest undelivered messages for conversations whose key starts with `key_prefix`."""
    query = (
        select(OutboxMessage)
        .where(
            OutboxMessage.delivered_at.is_(None),
            OutboxMessage.conversation_key.startswith(key_prefix, autoescape=True),
            OutboxMessage.deliver_by.is_(None),  # e-mail's messages are no chat's to push
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def mark_delivered(session: Session, message_id: int, *, now: datetime) -> OutboxMessage | None:
    """Idempotent: a message delivered before keeps its first time."""
    message = session.get(OutboxMessage, message_id)
    if message is not None and message.delivered_at is None:
        message.delivered_at = now
        session.commit()
    return message


def last_reminder_for_meeting(session: Session, meeting_id: str) -> OutboxMessage | None:
    return session.scalar(
        select(OutboxMessage)
        .where(OutboxMessage.meeting_id == meeting_id, OutboxMessage.purpose == "reminder")
        .order_by(OutboxMessage.id.desc())
        .limit(1)
    )


def add_pilot_invitation(
    session: Session,
    conversation_key: str,
    text: str,
    *,
    pilot_invitation_id: str,
    by_email: bool,
    now: datetime,
) -> OutboxMessage:
    """A panel member's invitation to a pilot; part of the pilot's transaction (the caller
    commits). `by_email`: the member chose e-mail, so no chat channel takes it."""
    message = OutboxMessage(
        conversation_key=conversation_key,
        text=text,
        created_at=now,
        purpose="pilot_invitation",
        pilot_invitation_id=pilot_invitation_id,
        deliver_by="email" if by_email else None,
    )
    session.add(message)
    session.flush()
    return message


def delete_for_pilot_invitations(session: Session, invitation_ids: Sequence[str]) -> None:
    """Part of a member's leaving the panel: the caller commits."""
    if invitation_ids:
        session.execute(
            delete(OutboxMessage).where(OutboxMessage.pilot_invitation_id.in_(invitation_ids))
        )
