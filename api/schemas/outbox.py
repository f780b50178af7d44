"""Bodies of /api/v1/outbox (the channels) and of a meeting's reminder (the advisor)."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from vocabulary.channels import OutboxPurpose
from vocabulary.service_steps import ServiceStep


class OutboxMessageOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    conversation_key: str
    text: str = Field(description="a reminder's text; empty for the other purposes")
    created_at: datetime
    purpose: OutboxPurpose = Field(
        description="reminder: send the text; pulse: open the pulse survey after a meeting"
        " (offer_kind after_meeting); pilot_invitation: open the pilot invitation"
    )
    step: ServiceStep | None = Field(description="a pulse survey's service step")
    pilot_invitation_id: str | None = Field(
        description="a pilot invitation's id: the invitation the channel opens"
    )


class ReminderOut(BaseModel):
    """A reminder queued for the client; `delivered_at` is set once the channel delivered it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    text: str
    created_at: datetime
    delivered_at: datetime | None
