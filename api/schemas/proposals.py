"""Bodies of /api/v1/proposals: a client's proposal (anonymous) and the theme suggested for it."""

from datetime import date

from pydantic import BaseModel

from api.schemas.client_text import ClientText
from vocabulary.channels import Channel
from vocabulary.languages import Language
from vocabulary.participation import Theme

ProposalText = ClientText


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
