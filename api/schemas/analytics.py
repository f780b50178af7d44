"""Response bodies of /api/v1/analytics: the pulse survey's and the proposals' aggregates.

A figure hidden by the small-group protection is null (see
api/services/analytics/suppression.py); `min_group` says below which size.
"""

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from vocabulary.channels import Channel
from vocabulary.languages import Language
from vocabulary.participation import Theme
from vocabulary.service_steps import Driver, OfferKind, ServiceStep

Side = Literal["went_well", "to_improve"]
SIDES: tuple[Side, ...] = ("went_well", "to_improve")


class Completion(BaseModel):
    """Did the client get done what they came for: answers per outcome (skipped: no answer)."""

    yes: int | None
    partly: int | None
    no: int | None
    skipped: int | None


class StepFigures(BaseModel):
    step: ServiceStep
    answered: int | None
    mean: float | None


class WeekFigures(BaseModel):
    week: date = Field(description="The week's Monday.")
    offered: int | None
    answered: int | None
    mean: float | None
    completion: Completion


class ChannelFigures(BaseModel):
    channel: Channel
    answered: int | None
    mean: float | None


class LanguageFigures(BaseModel):
    language: Language
    answered: int | None
    mean: float | None


class OfferKindFigures(BaseModel):
    offer_kind: OfferKind
    offered: int | None
    answered: int | None
    response_rate: float | None = Field(description="answered / offered, 0 to 1.")


class DriverCount(BaseModel):
    driver: Driver
    count: int | None


class TextTheme(BaseModel):
    theme: Theme
    keywords: list[str] = Field(
        description="Its texts' most used words (stems, as the texts write them); none for a"
        " theme of fewer than min_group texts."
    )
    count: int | None
    share: float | None = Field(description="Of the texts analysed, 0 to 1.")
    quotes: list[str] = Field(
        description="Representative texts, redacted; none for a theme of fewer than min_group"
        " texts."
    )


class ThemeSet(BaseModel):
    """The themes of one side's free texts in one language."""

    side: Side
    language: Language
    texts: int | None = Field(description="Answers with such a text in the weeks.")
    analysed: int | None = Field(description="The newest of them that were analysed.")
    unclassified: int | None = Field(description="Analysed texts near no theme ('other').")
    unclassified_share: float | None
    themes: list[TextTheme]


class PulseAnalytics(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: date = Field(alias="from", description="The first week's Monday.")
    to: date
    min_group: int
    offered: int | None
    answered: int | None
    response_rate: float | None
    mean: float | None = Field(description="Mean rating, 1 to 5.")
    completion: Completion
    by_step: list[StepFigures]
    by_week: list[WeekFigures]
    by_channel: list[ChannelFigures]
    by_language: list[LanguageFigures]
    by_offer_kind: list[OfferKindFigures]
    went_well: list[DriverCount]
    to_improve: list[DriverCount]
    theme_method: str
    themes: list[ThemeSet]


class ThemeActionOut(BaseModel):
    """A "we did": what was done about a theme's proposals, in each language."""

    id: int
    theme: Theme
    text_fi: str
    text_sv: str
    text_en: str
    done_on: date


class ProposalTheme(BaseModel):
    theme: Theme
    count: int | None
    quotes: list[str] = Field(description="The newest proposals, redacted.")
    actions: list[ThemeActionOut] = Field(description="Its 'we did', newest first.")


class ProposalAnalytics(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: date = Field(alias="from")
    to: date
    min_group: int
    total: int | None
    by_theme: list[ProposalTheme]


ActionText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class ThemeActionCreate(BaseModel):
    """A new "we did": the theme, what was done in each language, and when."""

    theme: Theme
    text_fi: ActionText
    text_sv: ActionText
    text_en: ActionText
    done_on: date
