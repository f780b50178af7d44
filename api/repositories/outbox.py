"""Data access for the outbox: messages the channels push to clients.

A channel process (a Telegram bridge) claims the messages it delivers (`claim`), so that with
several bridges a message is delivered by one; each claim lasts until a given time and is
renewed at every poll of its holder, so that the messages of a bridge that died are taken by
another once their claims run out."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, delete, or_, select, update
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


def _pending(key_prefix: str) -> ColumnElement[bool]:
    """Undelivered, for conversations whose key starts with `key_prefix`."""
    return (
        OutboxMessage.delivered_at.is_(None)
        & OutboxMessage.conversation_key.startswith(key_prefix, autoescape=True)
        # e-mail's messages are no chat's to push
        & OutboxMessage.deliver_by.is_(None)
    )


def undelivered(session: Session, key_prefix: str, limit: int = MAX_BATCH) -> list[OutboxMessage]:
    """The oldest undelivered messages for conversations whose key starts with `key_prefix`
    (claimed or not: what is waiting)."""
    query = (
        select(OutboxMessage).where(_pending(key_prefix)).order_by(OutboxMessage.id).limit(limit)
    )
    return list(session.scalars(query))


def claim(
    session: Session,
    key_prefix: str,
    claimant: str,
    *,
    now: datetime,
    until: datetime,
    limit: int = MAX_BATCH,
) -> list[OutboxMessage]:
    """The oldest undelivered messages for `key_prefix` that no other claimant holds, now
    `claimant`'s until `until` (its own claims renewed), oldest first. Commits.

    On PostgreSQL the candidates are locked without waiting (SKIP LOCKED): two bridges that
    claim at once get disjoint batches and neither waits for the other. The update repeats the
    condition, so a message claimed meanwhile is never taken twice on SQLite either (one writer
    at a time, no row locks); what it returns is only what it updated."""
    claimable = or_(
        OutboxMessage.claimed_until.is_(None),
        OutboxMessage.claimed_until <= now,
        OutboxMessage.claimed_by == claimant,
    )
    candidates = (
        select(OutboxMessage.id)
        .where(_pending(key_prefix), claimable)
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    ids = list(session.scalars(candidates))
    if not ids:
        session.rollback()
        return []
    claimed = set(
        session.scalars(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids), _pending(key_prefix), claimable)
            .values(claimed_by=claimant, claimed_until=until)
            .returning(OutboxMessage.id)
        )
    )
    session.commit()
    rows = session.scalars(
        select(OutboxMessage).where(OutboxMessage.id.in_(claimed)).order_by(OutboxMessage.id)
    )
    return list(rows)


def release(session: Session, message_ids: Sequence[int], claimant: str) -> int:
    """`claimant` gives its claims on these messages up (it cannot deliver them now): another
    channel process may take them at once. Another's claims stay. Commits; how many."""
    if not message_ids:
        return 0
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(message_ids), OutboxMessage.claimed_by == claimant)
        .values(claimed_by=None, claimed_until=None)
    )
    session.commit()
    return int(result.rowcount)  # type: ignore[attr-defined]


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
