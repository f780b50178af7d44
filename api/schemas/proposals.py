"""Bodies of /api/v1/proposals: a client's proposal (anonymous) and the theme suggested for it."""

from datetime import date
from typing import Annotated

from pydantic import BaseModel, StringConstraints

from vocabulary.channels import Channel
from vocabulary.languages import Language
from vocabulary.messages import MAX_MESSAGE_LENGTH
from vocabulary.participation import Theme

ProposalText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_MESSAGE_LENGTH)
]


class ThemeSuggestionIn(BaseModel):
    text: ProposalText
    language: Language


class ThemeSuggestionOut(BaseModel):
    theme: Theme


class ProposalIn(BaseModel):
    text: ProposalText
    theme: Theme
    language: Language
    channel: Channel


class DoneText(BaseModel):
    """What was done about a theme, in the client's language."""

    text: str
    done_on: date


class ProposalStored(BaseModel):
    theme: Theme
    actions: list[DoneText]
