"""Request and response bodies of /api/v1/meetings (the advisor's side)."""

import re
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BaseModel, Field, StringConstraints

from vocabulary.languages import Language
from vocabulary.service_steps import DEFAULT_MEETING_KIND, MeetingKind

# A Finnish personal identity code (henkilötunnus) anywhere in the text.
PERSONAL_IDENTITY_CODE = re.compile(r"\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]", re.IGNORECASE)


def _not_an_identity_code(value: str) -> str:
    if PERSONAL_IDENTITY_CODE.search(value):
        raise ValueError("looks like a personal identity code: use your own reference instead")
    return value


ClientRef = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=64),
    AfterValidator(_not_an_identity_code),
]


class MeetingCreate(BaseModel):
    client_ref: ClientRef
    starts_at: AwareDatetime
    language: Language
    kind: MeetingKind = Field(
        default=DEFAULT_MEETING_KIND,
        description="the service step the meeting is; the pulse survey after it is about it",
    )


class MeetingCreated(BaseModel):
    id: str
    invite_code: str
    web_link: str
    telegram_link: str


class MeetingOut(BaseModel):
    id: str
    client_ref: str
    starts_at: datetime
    language: Language
    kind: MeetingKind
    invite_code: str
    invite_expires_at: datetime
    prepared: bool
    confirmed: bool
    completed: bool
