"""Data access for the client's answers of a meeting (stored redacted, never raw)."""

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.orm import Meeting, MeetingAnswer


def add(
    session: Session,
    meeting: Meeting,
    *,
    section: str,
    redacted_text: str,
    language: str,
    replace: bool,
    now: datetime,
) -> MeetingAnswer:
    """Append an answer to its section, or replace the section's earlier answers with it."""
    if replace:
        session.execute(
            delete(MeetingAnswer).where(
                MeetingAnswer.meeting_id == meeting.id, MeetingAnswer.section == section
            )
        )
    answer = MeetingAnswer(
        meeting_id=meeting.id, section=section, text=redacted_text, language=language, at=now
    )
    session.add(answer)
    meeting.last_client_change_at = now
    session.commit()
    return answer


def for_meeting(session: Session, meeting_id: str) -> list[MeetingAnswer]:
    """In the order they were told."""
    rows = session.scalars(
        select(MeetingAnswer)
        .where(MeetingAnswer.meeting_id == meeting_id)
        .order_by(MeetingAnswer.at, MeetingAnswer.id)
    )
    return list(rows)


def in_section_after(
    session: Session, meeting_id: str, section: str, after: datetime | None
) -> list[MeetingAnswer]:
    """A section's answers told after `after` (all of them for None), in the order told."""
    query = select(MeetingAnswer).where(
        MeetingAnswer.meeting_id == meeting_id, MeetingAnswer.section == section
    )
    if after is not None:
        query = query.where(MeetingAnswer.at > after)
    return list(session.scalars(query.order_by(MeetingAnswer.at, MeetingAnswer.id)))
