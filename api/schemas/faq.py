"""Response bodies of /api/v1/faq."""

from datetime import date
from typing import Literal

from pydantic import BaseModel

Language = Literal["fi", "sv", "en"]


class ButtonOut(BaseModel):
    title: str
    payload: str


class FaqTopicOut(BaseModel):
    topic: str
    title: str


class FaqAnswerOut(BaseModel):
    topic: str
    title: str
    language: Language
    text: str
    valid_from: date | None
    valid_until: date | None
    reviewed: date
    sources: list[str]
    unverified: bool
    buttons: list[ButtonOut]


class FaqSuggestionsOut(BaseModel):
    text: str
    buttons: list[ButtonOut]
