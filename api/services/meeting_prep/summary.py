"""The advisor's summary of a meeting: the client's own (redacted) words, only with consent."""

from datetime import datetime

from sqlalchemy.orm import Session

from api.core.clock import in_finland
from api.orm import Meeting, User
from api.repositories import audit_log, faq_topic_asks, meeting_answers
from api.schemas.client_meetings import Sections
from api.schemas.summaries import FaqTopicAsked, SummaryMeeting, SummaryOut
from api.services.faq.content import Topic
from api.services.meeting_prep.client_flow import sections_of
from vocabulary.languages import Language

READ_ACTION = "summary.read"


def read(
    session: Session,
    meeting: Meeting,
    reader: User,
    faq: dict[str, Topic],
    language: Language,
    *,
    now: datetime,
) -> SummaryOut:
    """The summary; every read is written to the audit log (who, which meeting, when)."""
    audit_log.record(session, user_id=reader.id, action=READ_ACTION, meeting_id=meeting.id, now=now)
    shared = meeting.consent is True
    sections = sections_of(meeting_answers.for_meeting(session, meeting.id)) if shared else None
    asked = []
    if shared and meeting.conversation_key is not None:
        for topic, at in faq_topic_asks.latest_per_topic(session, meeting.conversation_key):
            known = faq.get(topic)
            title = known.title.get(language) if known is not None else topic
            asked.append(FaqTopicAsked(topic=topic, title=title, asked_at=at))
    return SummaryOut(
        meeting=SummaryMeeting(
            id=meeting.id,
            client_ref=meeting.client_ref,
            starts_at=in_finland(meeting.starts_at),
            language=meeting.language,
        ),
        consent=meeting.consent,
        confirmed=meeting.confirmed_at is not None,
        sections=sections if sections is not None else Sections(),
        faq_topics=asked,
        last_changed_at=meeting.last_client_change_at,
    )
