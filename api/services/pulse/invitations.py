"""The survey after a held meeting: when the advisor marks a meeting held, its conversation
gets a PulseInvitation with the meeting's kind as the step. A channel that pushes (Telegram:
`tg-` keys) also gets an outbox message (purpose "pulse"), so that the bridge opens the survey
in the chat within minutes; a web client is offered it at the start of their next conversation
(the action asks for an `after_meeting` offer)."""

from datetime import datetime

from sqlalchemy.orm import Session

from api.repositories import outbox, pulse_invitations
from vocabulary.channels import PUSH_CHANNELS, channel_of


def stage_after_meeting(
    session: Session, conversation_key: str, step: str, *, now: datetime
) -> None:
    """In the caller's transaction (the caller commits, with the meeting marked held)."""
    pulse_invitations.stage(session, conversation_key, step, now=now)
    if channel_of(conversation_key) in PUSH_CHANNELS:
        # No meeting id: the message is no reminder of the meeting, and the survey's answer
        # has no link to the meeting either.
        outbox.stage(session, conversation_key, "", now=now, purpose="pulse", step=step)
