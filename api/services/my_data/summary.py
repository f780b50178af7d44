"""What is stored under one conversation key, as data (the chat and the copy render it)."""

from datetime import datetime

from sqlalchemy.orm import Session

from api.core.clock import in_finland
from api.core.settings import ApiSettings
from api.orm import User
from api.repositories import (
    client_records,
    conversations,
    faq_topic_asks,
    meeting_answers,
    panel_members,
    pulse_pending,
)
from api.schemas.my_data import (
    MyData,
    Retention,
    StoredAnswer,
    StoredConversation,
    StoredMeeting,
    StoredPanelMembership,
    StoredTopic,
)
from api.services.panel.masks import from_mask
from api.services.pulse.pending import pending_hash
from vocabulary.languages import LANGUAGES
from vocabulary.participation import THEMES


def retention(settings: ApiSettings) -> Retention:
    return Retention(
        answer_retention_days=settings.answer_retention_days,
        conversation_retention_days=settings.conversation_retention_days,
        faq_topic_retention_days=settings.faq_topic_retention_days,
    )


def collect(
    session: Session, conversation_key: str, settings: ApiSettings, *, now: datetime
) -> MyData:
    conversation = conversations.get(session, conversation_key)
    stored_meetings = []
    for meeting in client_records.meetings_of(session, conversation_key):
        advisor = session.get(User, meeting.advisor_id)
        stored_meetings.append(
            StoredMeeting(
                advisor_name=advisor.display_name if advisor is not None else "",
                starts_at=in_finland(meeting.starts_at),
                consent=meeting.consent,
                consent_at=meeting.consent_at,
                answers=[
                    StoredAnswer.model_validate(answer, from_attributes=True)
                    for answer in meeting_answers.for_meeting(session, meeting.id)
                ],
                answers_deleted_by=in_finland(meeting.starts_at + settings.answer_retention),
            )
        )
    member = panel_members.by_conversation(session, conversation_key)
    panel = None
    if member is not None:
        panel = StoredPanelMembership(
            interests=from_mask(member.interests, THEMES),
            languages=from_mask(member.languages, LANGUAGES),
            contact_channel="email" if member.contact_channel == "email" else "telegram",
            email=member.email,
            joined_on=member.joined_on,
            consent_version=member.consent_version,
        )
    return MyData(
        conversation=None
        if conversation is None
        else StoredConversation(
            channel=conversation.channel,
            language=conversation.language,
            started_at=conversation.started_at,
        ),
        meetings=stored_meetings,
        panel=panel,
        faq_topics=[
            StoredTopic(topic=topic, at=at)
            for topic, at in faq_topic_asks.latest_per_topic(session, conversation_key)
        ],
        pulse_survey_open=pulse_pending.exists(session, pending_hash(conversation_key, settings)),
        retention=retention(settings),
    )
