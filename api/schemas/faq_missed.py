"""Bodies of /api/v1/faq-missed: a message the assistant did not understand, from the action
server (raw: the API redacts it on receipt)."""

from typing import Annotated

from pydantic import BaseModel, StringConstraints

from api.orm import MissedKind
from vocabulary.languages import Language

MissedText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class MissedIn(BaseModel):
    text: MissedText
    language: Language
    kind: MissedKind
