"""Data access for what is kept under one conversation key, across tables: a client's
erasure ("delete my data"). Nothing here commits: the erasure is one transaction."""

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from api.orm import (
    Conversation,
    FaqTopicAsk,
    Meeting,
    MeetingAnswer,
    MyDataLink,
    OutboxMessage,
    PulseInvitation,
)


def meetings_of(session: Session, conversation_key: str) -> list[Meeting]:
    """Every meeting the conversation opened, the earliest first."""
    return list(
        session.scalars(
            select(Meeting)
            .where(Meeting.conversation_key == conversation_key)
            .order_by(Meeting.starts_at)
        )
    )


def forget_meetings(session: Session, conversation_key: str) -> int:
    """The answers go; each meeting stays the advisor's, without consent and without the
    conversation that opened it. The number of answers deleted."""
    ids = select(Meeting.id).where(Meeting.conversation_key == conversation_key)
    answers = session.execute(delete(MeetingAnswer).where(MeetingAnswer.meeting_id.in_(ids)))
    session.execute(
        update(Meeting)
        .where(Meeting.conversation_key == conversation_key)
        .values(consent=None, consent_at=None, conversation_key=None)
    )
    return int(answers.rowcount)  # type: ignore[attr-defined]


def delete_keyed(session: Session, conversation_key: str) -> None:
    """The rest keyed by the conversation: topics asked, queued messages, a survey waiting
    after a meeting, copy links, and the conversation's own record."""
    for table, column in (
        (FaqTopicAsk, FaqTopicAsk.conversation_key),
        (OutboxMessage, OutboxMessage.conversation_key),
        (PulseInvitation, PulseInvitation.conversation_key),
        (MyDataLink, MyDataLink.conversation_key),
        (Conversation, Conversation.conversation_key),
    ):
        session.execute(delete(table).where(column == conversation_key))
