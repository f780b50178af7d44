"""Request and response bodies of the client's side of a meeting (called by the action server)."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from api.schemas.conversations import Language

Section = Literal["situation", "topics", "goals", "concerns", "proposals", "questions"]
SECTIONS: tuple[Section, ...] = (
    "situation",
    "topics",
    "goals",
    "concerns",
    "proposals",
    "questions",
)


class RedeemIn(BaseModel):
    invite_code: str = Field(max_length=64, examples=["K7QM-4TXD-9RWB-E"])


class ConsentIn(BaseModel):
    consent: bool


class AnswerIn(BaseModel):
    section: Section
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
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


class Sections(BaseModel):
    situation: list[TextAt] = Field(default_factory=list)
    topics: list[TextAt] = Field(default_factory=list)
    goals: list[TextAt] = Field(default_factory=list)
    concerns: list[TextAt] = Field(default_factory=list)
    proposals: list[TextAt] = Field(default_factory=list)
    questions: list[TextAt] = Field(default_factory=list)


class ClientMeeting(BaseModel):
    meeting_id: str
    advisor_name: str
    starts_at: datetime
    language: Language
    consent: bool | None
    confirmed: bool
    editable: bool
    answers: Sections


class FaqTopicIn(BaseModel):
    topic: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)
