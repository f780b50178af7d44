"""Response bodies of /api/v1/faq and /api/v1/faq-suggestions: data, never chat payloads (the
action server turns topics into buttons)."""

from datetime import date

from pydantic import BaseModel, Field

from vocabulary.languages import Language


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
    related: list[FaqTopicOut] = Field(
        description="The topics to offer next, in the topic's order (known topics only)."
    )
    advisor_prompt: str = Field(
        description="The label of the way on to the advisor: 'Kysy asiantuntijalta' / 'Fråga"
        " din rådgivare' / 'Ask your advisor' (it opens the meeting preparation)."
    )


class FaqSuggestionsOut(BaseModel):
    text: str
    topics: list[FaqTopicOut] = Field(description="The closest known topics, closest first.")
