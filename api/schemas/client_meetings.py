"""Request and response bodies of the client's side of a meeting (called by the action server)."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, RootModel, field_validator

from api.schemas.client_text import ClientText
from vocabulary.languages import Language
from vocabulary.meetings import SECTIONS, Section


class RedeemIn(BaseModel):
    invite_code: str = Field(max_length=64, examples=["K7QM-4TXD-9RWB-E"])


class ConsentIn(BaseModel):
    consent: bool


class AnswerIn(BaseModel):
    section: Section
    text: ClientText
    language: Language
    replace: bool = Field(
        default=False, description="true: the section's earlier answers are replaced by this one"
    )


class AnswerOut(BaseModel):
    """An answer as stored: the text is the redacted one."""

    section: Section
    text: str
    at: datetime


class TextAt(BaseModel):
    text: str
    at: datetime


def _no_answers() -> dict[Section, list[TextAt]]:
    return {section: [] for section in SECTIONS}


class Sections(RootModel[dict[Section, list[TextAt]]]):
    """What the client told, per section: every section of `vocabulary.meetings.SECTIONS`, in
    the order they are asked, each with its answers in the order told (none: empty)."""

    model_config = ConfigDict(json_schema_extra={"required": list(SECTIONS)})

    root: dict[Section, list[TextAt]] = Field(default_factory=_no_answers)

    @field_validator("root")
    @classmethod
    def _every_section_in_order(
        cls, value: dict[Section, list[TextAt]]
    ) -> dict[Section, list[TextAt]]:
        return {section: value.get(section, []) for section in SECTIONS}

    def __getitem__(self, section: Section) -> list[TextAt]:
        return self.root[section]


class ClientMeeting(BaseModel):
    meeting_id: str
    advisor_name: str
    starts_at: datetime
    language: Language
    consent: bool | None
    confirmed: bool
    editable: bool
    answer_retention_days: int = Field(
        description="The answers are deleted at the latest this many days after the meeting"
        " (ANSWER_RETENTION): what the consent question and the read-back tell the client."
    )
    answers: Sections


class FaqTopicIn(BaseModel):
    topic: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)
