"""Response body of /api/v1/retention: how long what clients tell is kept, as they are told."""

from pydantic import BaseModel, Field


class RetentionOut(BaseModel):
    answer_retention_days: int = Field(
        description="Meeting answers are deleted at the latest this many days after the meeting."
    )
    faq_topic_retention_days: int = Field(
        description="The FAQ topics a conversation asked about are deleted after this many days."
    )
