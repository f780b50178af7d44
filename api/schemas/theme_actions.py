"""Bodies of /api/v1/theme-actions: "you said, we did" for clients (one language) and for the
staff who record it (all three)."""

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from vocabulary.participation import Theme

ActionText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class ThemeActionText(BaseModel):
    theme: Theme
    text: str
    done_on: date


class ThemeActionIn(BaseModel):
    theme: Theme
    text_fi: ActionText
    text_sv: ActionText
    text_en: ActionText
    done_on: date


class ThemeActionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    theme: Theme
    text_fi: str
    text_sv: str
    text_en: str
    done_on: date
    created_by: int
    created_at: datetime
