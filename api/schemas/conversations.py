"""Request and response bodies of /api/v1/conversations."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from vocabulary.languages import Language


class ConversationUpsert(BaseModel):
    channel: str | None = Field(default=None, max_length=32, examples=["rest"])
    language: Language | None = None


class ConversationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    conversation_key: str
    channel: str | None
    language: Language | None
    started_at: datetime
    updated_at: datetime
