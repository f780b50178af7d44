"""Bodies of /api/v1/outbox (the channels) and of a meeting's reminder (the advisor)."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from vocabulary.channels import OutboxPurpose
from vocabulary.service_steps import ServiceStep


class OutboxMessageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    conversation_key: str
    text: str
    created_at: datetime
    purpose: OutboxPurpose
    step: ServiceStep | None
    # A "pilot_invitation": the invitation the channel opens in the conversation.
    pilot_invitation_id: str | None


class ReminderOut(BaseModel):
    """A reminder queued for the client; `delivered_at` is set once the channel delivered it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    text: str
    created_at: datetime
    delivered_at: datetime | None
