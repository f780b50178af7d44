"""Bodies of /api/v1/pulse: offering the survey (with the conversation key) and storing an
answer (without one: answers are anonymous)."""

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from api.schemas.client_text import ClientText
from vocabulary.channels import Channel
from vocabulary.languages import Language
from vocabulary.service_steps import DRIVERS, RATINGS, Driver, OfferKind, Outcome, ServiceStep


class PulseOfferIn(BaseModel):
    conversation_key: str = Field(min_length=1, max_length=128)
    offer_kind: OfferKind
    channel: Channel
    language: Language


class PulseOfferOut(BaseModel):
    offered: bool = Field(description="false: do not offer the survey now")
    step: ServiceStep | None = Field(
        description="the service step the survey is about when the API knows it (after a"
        " meeting: the meeting's kind; at the end of a conversation: the assistant); null: ask"
    )


def _blank_is_none(value: object) -> object:
    """A skipped free text may come as "" or spaces: no text."""
    return None if isinstance(value, str) and not value.strip() else value


FreeText = Annotated[
    ClientText | None,
    BeforeValidator(_blank_is_none),
]


class PulseAnswerIn(BaseModel):
    """One survey's answers, sent once at its end. Every question may have been skipped.

    No conversation key, and nothing else is accepted (`extra="forbid"`): an answer cannot be
    tied to a client.
    """

    model_config = ConfigDict(extra="forbid")

    offer_kind: OfferKind
    step: ServiceStep
    channel: Channel
    language: Language
    outcome: Outcome | None = None
    rating: int | None = Field(default=None, ge=min(RATINGS), le=max(RATINGS))
    went_well: list[Driver] = Field(default_factory=list, max_length=len(DRIVERS))
    to_improve: list[Driver] = Field(default_factory=list, max_length=len(DRIVERS))
    went_well_text: FreeText = None
    to_improve_text: FreeText = None


class PulseAnswerStored(BaseModel):
    """Nothing: the answer is anonymous, and the client need not see it again."""

    model_config = ConfigDict(extra="forbid")
