"""Bodies of the client's own data: what is stored for a conversation, a copy's one-time link,
and what an erasure deleted (the action server; the copy itself is public behind its token)."""

from datetime import date, datetime

from pydantic import BaseModel, Field

from vocabulary.languages import Language
from vocabulary.meetings import Section
from vocabulary.participation import ContactChannel, Theme


class StoredAnswer(BaseModel):
    section: Section
    text: str = Field(description="As stored: redacted.")
    at: datetime


class StoredMeeting(BaseModel):
    advisor_name: str
    starts_at: datetime = Field(description="In Finnish time.")
    consent: bool | None = Field(description="The preparation consent: null = never asked.")
    consent_at: datetime | None
    answers: list[StoredAnswer]
    answers_deleted_by: datetime = Field(
        description="The answers are deleted at the latest then (ANSWER_RETENTION after it)."
    )


class StoredPanelMembership(BaseModel):
    interests: list[Theme]
    languages: list[Language]
    contact_channel: ContactChannel
    email: str | None
    joined_on: date
    consent_version: str


class StoredTopic(BaseModel):
    topic: str
    at: datetime = Field(description="When it was asked last.")


class StoredConversation(BaseModel):
    channel: str | None
    language: str | None
    started_at: datetime


class Retention(BaseModel):
    """The periods, from the settings that enforce them."""

    answer_retention_days: int
    conversation_retention_days: int
    faq_topic_retention_days: int


class MyData(BaseModel):
    """Everything stored under the conversation's key; anonymous pulse answers and proposals
    are not (nothing links them to anyone)."""

    conversation: StoredConversation | None
    meetings: list[StoredMeeting]
    panel: StoredPanelMembership | None
    faq_topics: list[StoredTopic]
    pulse_survey_open: bool = Field(
        description="A survey's answers so far are kept under a keyed hash until it ends."
    )
    retention: Retention


class MyDataLinkIn(BaseModel):
    language: Language = "fi"


class MyDataLinkOut(BaseModel):
    url: str = Field(description="Opens once, until `expires_at`: JSON; `?format=txt` text.")
    expires_at: datetime
    valid_minutes: int


class Erased(BaseModel):
    """What the erasure deleted (counts only)."""

    meeting_answers: int
    meetings_unlinked: int
    panel_membership: bool
    pulse_survey_open: bool
