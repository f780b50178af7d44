"""Response body of /api/v1/meetings/{id}/summary: what the client prepared, for the advisor."""

from datetime import datetime

from pydantic import BaseModel

from api.schemas.client_meetings import Sections
from vocabulary.languages import Language


class SummaryMeeting(BaseModel):
    id: str
    client_ref: str
    starts_at: datetime
    language: Language


class FaqTopicAsked(BaseModel):
    topic: str
    title: str
    asked_at: datetime


class SummaryOut(BaseModel):
    meeting: SummaryMeeting
    consent: bool | None
    confirmed: bool
    sections: Sections
    faq_topics: list[FaqTopicAsked]
    last_changed_at: datetime | None
