"""Request and response bodies of /api/v1/redactions."""

from pydantic import BaseModel, Field

from vocabulary.languages import Language

MAX_ITEMS = 100
MAX_TEXT_LENGTH = 5000


class RedactionItem(BaseModel):
    text: str = Field(max_length=MAX_TEXT_LENGTH, examples=["Soita 040 123 4567"])
    language: Language


class RedactionRequest(BaseModel):
    items: list[RedactionItem] = Field(max_length=MAX_ITEMS)


class RedactedItem(BaseModel):
    text: str = Field(examples=["Soita <PHONE>"])


class RedactionResponse(BaseModel):
    items: list[RedactedItem] = Field(description="The texts redacted, in the request's order.")
