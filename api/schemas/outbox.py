"""Bodies of /api/v1/outbox (the channels) and of a meeting's reminder (the advisor)."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class OutboxMessageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    conversation_key: str
    text: str
    created_at: datetime


class ReminderOut(BaseModel):
    """A reminder queued for the client; `delivered_at` is set once the channel delivered it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    text: str
    created_at: datetime
    delivered_at: datetime | None
