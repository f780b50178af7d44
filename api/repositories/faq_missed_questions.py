"""Data access for faq_missed_questions: the messages the assistant did not understand, as the
API redacted them (no conversation key)."""

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from api.orm import FaqMissedQuestion


def add(
    session: Session,
    *,
    text: str,
    language: str,
    kind: str,
    nearest_topic: str | None,
    now: datetime,
) -> FaqMissedQuestion:
    row = FaqMissedQuestion(
        text=text, language=language, kind=kind, nearest_topic=nearest_topic, at=now
    )
    session.add(row)
    session.commit()
    return row


def newest(session: Session, limit: int) -> list[FaqMissedQuestion]:
    query = select(FaqMissedQuestion).order_by(
        FaqMissedQuestion.at.desc(), FaqMissedQuestion.id.desc()
    )
    return list(session.scalars(query.limit(limit)))


def get(session: Session, question_id: int) -> FaqMissedQuestion | None:
    return session.get(FaqMissedQuestion, question_id)


def remove(session: Session, row: FaqMissedQuestion) -> None:
    """Deleted with the caller's transaction (not committed here)."""
    session.delete(row)
    session.flush()


def delete_before(session: Session, cutoff: datetime) -> int:
    """Not committed here: the retention job commits its whole round."""
    result = session.execute(delete(FaqMissedQuestion).where(FaqMissedQuestion.at < cutoff))
    return int(result.rowcount)  # type: ignore[attr-defined]
