"""Bodies of /api/v1/outbox (the channels) and of a meeting's reminder (the advisor)."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from vocabulary.channels import OutboxPurpose, PushChannel
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


class OutboxClaimIn(BaseModel):
    """Who claims: one channel process (a Telegram bridge), the same name at every poll."""

    model_config = ConfigDict(extra="forbid")

    channel: PushChannel = Field(description="whose conversations: telegram = 'tg-' keys")
    claimant: str = Field(
        min_length=1, max_length=64, description="the process's name, e.g. host:pid"
    )


class OutboxReleaseIn(BaseModel):
    """Claims given back: messages the claimant cannot deliver now."""

    model_config = ConfigDict(extra="forbid")

    claimant: str = Field(min_length=1, max_length=64)
    ids: list[Annotated[int, Field(ge=1, le=2**31 - 1)]] = Field(
        max_length=100, description="at most one claim's batch"
    )


class ReminderOut(BaseModel):
    """A reminder queued for the client; `delivered_at` is set once the channel delivered it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    text: str
    created_at: datetime
    delivered_at: datetime | None
