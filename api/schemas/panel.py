"""Bodies of the developer-client panel: the client's side (the action server), the admin's
members and pilots, and the analysts' counts per interest."""

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from vocabulary.languages import Language
from vocabulary.participation import ContactChannel, PilotAnswer, Theme

# A pilot's title and text, in each language (the admin's form tells these limits).
TITLE_MAX = 200
TEXT_MAX = 4000
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TITLE_MAX)]
Body = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TEXT_MAX)]


class PanelJoin(BaseModel):
    """The client's consent and choices; joining again replaces the choices."""

    consent_version: str = Field(
        max_length=32, description="the version of the consent text the client was shown"
    )
    interests: list[Theme] = Field(min_length=1)
    languages: list[Language] = Field(min_length=1, description="languages they can take part in")
    contact_channel: ContactChannel
    email: str | None = Field(
        default=None,
        max_length=1000,
        description="with contact_channel email: the address, or the client's message that"
        " holds it",
    )
    language: Language = Field(description="the conversation's language")


class PanelStatus(BaseModel):
    """The conversation's membership, and what the assistant needs to offer joining."""

    member: bool
    consent_version: str = Field(description="the version of the consent text to show now")
    contact_channels: list[ContactChannel] = Field(
        description="how this conversation's client can be contacted (this chat only when the"
        " channel can push messages)"
    )
    interests: list[Theme]
    languages: list[Language]
    contact_channel: ContactChannel | None
    joined_on: date | None


class PilotInvitationOut(BaseModel):
    """An invitation as the member reads it, in the language asked for."""

    invitation_id: str
    title: str
    text: str
    answer_by: date
    answer: PilotAnswer | None
    open: bool = Field(description="false once the answer-by day is over")


class PilotAnswerIn(BaseModel):
    answer: PilotAnswer


class PanelMemberOut(BaseModel):
    id: int
    joined_on: date
    consent_version: str
    interests: list[Theme]
    languages: list[Language]
    contact_channel: ContactChannel
    email: str | None = Field(description="only for members who chose e-mail")


class PanelMembers(BaseModel):
    members: list[PanelMemberOut]


class InterestCount(BaseModel):
    interest: Theme
    count: int | None = Field(description="null: fewer members than min_group")


class PanelInterests(BaseModel):
    """Analysts' view: counts only, never contacts; small groups hidden."""

    min_group: int
    members: int | None = Field(description="null: fewer members than min_group")
    interests: list[InterestCount]


class Texts(BaseModel):
    fi: Body
    sv: Body
    en: Body


class Titles(BaseModel):
    fi: Title
    sv: Title
    en: Title


class PilotCreate(BaseModel):
    title: Titles
    text: Texts
    answer_by: date
    interests: list[Theme] = Field(min_length=1, description="members with any of these")


class AnswerCounts(BaseModel):
    yes: int
    no: int
    unanswered: int


class PilotOut(BaseModel):
    id: int
    title: Titles
    text: Texts
    answer_by: date
    interests: list[Theme]
    created_at: datetime
    invited: int
    queued_for_email: int = Field(
        description="invitations waiting for e-mail delivery, which is not built yet"
    )
    answers: AnswerCounts


class PilotInvitee(BaseModel):
    member_id: int
    contact_channel: ContactChannel
    answer: PilotAnswer | None
    answered_at: datetime | None


class PilotDetail(PilotOut):
    invitations: list[PilotInvitee]
