"""Bodies of /api/v1/faq/topics (the content editor's API; the editor's UI uses the same).

A topic goes back and forth as its *document*: the shape of its YAML file in data/faq/, the
examples as lists per language, plus `version` (the version it is, or the one an edit
started from). The document itself is checked by the FAQ's schema (api.services.faq.content),
so that a refusal lists every problem as a finding: what, where, how to fix it.
"""

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from vocabulary.languages import Language

EXAMPLE_DOCUMENT: dict[str, Any] = {
    "topic": "waiting_period",
    "title": {"fi": "Omavastuuaika", "sv": "Självrisktid", "en": "Waiting period"},
    "sources": ["https://www.kela.fi/web/en/amount-of-the-unemployment-benefit"],
    "reviewed": "2026-11-29",
    "unverified": False,
    "related": ["register", "who_pays"],
    "variants": [
        {"valid_until": "2023-12-31", "answer": {"fi": "…", "sv": "…", "en": "…"}},
        {"valid_from": "2024-01-01", "answer": {"fi": "…", "sv": "…", "en": "…"}},
    ],
    "examples": {"fi": ["mikä on omavastuuaika"], "sv": ["vad är självrisktid"], "en": ["…"]},
    "version": 3,
}


class FindingOut(BaseModel):
    severity: Literal["error", "warning"]
    check: str = Field(
        description="schema, yaml, topic_id, examples, answer_length, variants, related,"
        " duplicate_example, review, plain_language, conflict"
    )
    topic: str
    where: str = Field(description="The place in the document: variants[1].answer.sv, …")
    what: str
    fix: str
    details: dict[str, Any] = Field(
        description="A conflict's example, competing_topic, confidence and the closest"
        " examples there; a duplicate's other_topic; the long sentences or words."
    )


class ChecksOut(BaseModel):
    errors: int
    warnings: int
    findings: list[FindingOut] = Field(description="Errors first.")


class VersionRef(BaseModel):
    version: int = Field(description="The version the edit started from (GET's `version`).")


class LanguageCompleteness(BaseModel):
    examples: int = Field(description="Distinct example questions.")
    needed: int
    complete: bool


class VariantDates(BaseModel):
    valid_from: date | None
    valid_until: date | None


class TopicSummaryOut(BaseModel):
    topic: str
    title: dict[Language, str]
    version: int = Field(description="The newest version (what GET returns and PUT edits).")
    state: Literal["draft", "live", "retired", "past"] = Field(
        description="The newest version's: draft means it has changes not yet published."
    )
    live_version: int | None = Field(description="The version the assistant answers with.")
    retired: bool = Field(description="Out of service (published as retired).")
    retires: bool = Field(description="The newest version retires the topic when published.")
    completeness: dict[Language, LanguageCompleteness]
    reviewed: date
    review_due: date
    overdue: bool
    variants: list[VariantDates]
    asks: int = Field(description="Times clients asked about it in the last `asks_days` days.")


class TopicListOut(BaseModel):
    review_interval_months: int
    asks_days: int
    topics: list[TopicSummaryOut]


class AuthorOut(BaseModel):
    id: int
    display_name: str


class VersionOut(BaseModel):
    version: int
    state: Literal["draft", "live", "retired", "past"]
    retires: bool
    author: AuthorOut | None = Field(description="None: read from the topic files.")
    created_at: datetime
    restored_from: int | None
    published_at: datetime | None
    publish_job: int | None


class ChangeOut(BaseModel):
    where: str = Field(description="title.fi, variants[0].answer.sv, examples.en, retired, …")
    before: Any = None
    after: Any = None
    added: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)


class DiffOut(BaseModel):
    topic: str
    from_version: int
    to_version: int
    changes: list[ChangeOut]
    file_diff: str = Field(description="The topic file's unified diff, as git shows it.")


class StaleOut(BaseModel):
    """409's detail: the edit started from a version that is no longer the newest."""

    reason: Literal["stale"] = "stale"
    version: int = Field(description="The newest version now.")
    changes: list[ChangeOut] = Field(description="From the edit's version to the newest.")
    versions: list[VersionOut] = Field(description="The versions saved meanwhile.")


class InvalidOut(BaseModel):
    """422's detail: every problem of the document."""

    reason: Literal["invalid"] = "invalid"
    findings: list[FindingOut]


class ImportOut(BaseModel):
    added: list[str] = Field(description="Topics that got a new version from their file.")
    unchanged: list[str]
    live: bool = Field(description="The files became the live content (an empty database).")
    findings: list[FindingOut] = Field(description="Files that could not be read.")


class StaleResponse(BaseModel):
    detail: StaleOut


class InvalidResponse(BaseModel):
    detail: InvalidOut
