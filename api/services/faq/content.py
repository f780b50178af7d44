"""The schema of a FAQ topic, the rules a topic must keep (alone and with the others), and the
loader of a folder of topic files (`make faq-check`, scripts/build_faq.py).

A topic travels as a *document*: the parsed YAML of its file, with the examples as lists per
language (`document_of`); the editor's API sends and receives exactly that. Every rule broken
is a `Finding` that says what is wrong, where, and how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    RootModel,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    field_validator,
)
from pydantic_core import ErrorDetails

from vocabulary.languages import LANGUAGES, Language

MIN_EXAMPLES: dict[Language, int] = {"fi": 15, "sv": 10, "en": 10}
MAX_ANSWER_WORDS = 150  # the guideline is ~120; this is the hard stop
MAX_RELATED = 3
TOPIC_ID = r"^[a-z][a-z0-9_]*$"
# The editor's API has these paths beside /api/v1/faq/{topic}: no topic may take their name.
RESERVED_TOPIC_IDS = frozenset({"topics", "publish", "checks", "import"})
FIELDS = ("topic", "title", "sources", "reviewed", "unverified", "related", "variants", "examples")
_T = TypeVar("_T")
_URL = TypeAdapter(HttpUrl)

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One problem of the content. Errors block a publish, warnings do not.

    `where` is the place in the topic's document ("variants[1].answer.sv", "examples.fi");
    `details` carries what a check found beside the words (a conflict's competing topic and
    its closest examples)."""

    severity: Severity
    check: str
    topic: str
    where: str
    what: str
    fix: str
    details: dict[str, Any] = field(default_factory=dict)

    def line(self) -> str:
        """The finding as one line of `make faq-check`'s output."""
        place = f" ({self.where})" if self.where else ""
        return f"{self.topic}.yml{place}: {self.what}; {self.fix}"


class ContentError(ValueError):
    """A topic (or the set of them) breaks the rules; `findings` lists every problem."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        self.problems = [finding.line() for finding in findings]
        super().__init__("\n".join(self.problems))


def _every_language(value: dict[Language, _T]) -> dict[Language, _T]:
    missing = [language for language in LANGUAGES if language not in value]
    if missing:
        raise ValueError(f"missing language: {', '.join(missing)}")
    return {language: value[language] for language in LANGUAGES}


def _http_url(value: str) -> str:
    """A web address as the editor wrote it (validated, not rewritten: the file keeps it)."""
    _URL.validate_python(value)
    return value


def _topic_id(value: str) -> str:
    if value in RESERVED_TOPIC_IDS:
        raise ValueError(f"{value!r} is reserved for the API's own paths")
    return value


class PerLanguage(RootModel[dict[Language, Annotated[str, StringConstraints(min_length=1)]]]):
    """A text in every language of `vocabulary.languages` (and in no other)."""

    @field_validator("root")
    @classmethod
    def _all_languages(cls, value: dict[Language, str]) -> dict[Language, str]:
        return _every_language(value)

    def get(self, language: Language) -> str:
        return self.root[language].strip()


class Variant(BaseModel):
    """The answer while one version of a rule is in force (both ends inclusive)."""

    model_config = ConfigDict(extra="forbid")

    valid_from: date | None = None
    valid_until: date | None = None
    answer: PerLanguage

    def in_force(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


class Examples(RootModel[dict[Language, list[str]]]):
    """How clients ask, in every language: a list, or a YAML block of "- question" lines as
    Rasa writes it. Each example is one line, without spaces around it."""

    @field_validator("root", mode="before")
    @classmethod
    def _blocks_to_lists(cls, value: object) -> object:
        if not isinstance(value, dict):
            return value
        return {language: _block_to_list(block) for language, block in value.items()}

    @field_validator("root")
    @classmethod
    def _all_languages(cls, value: dict[Language, list[str]]) -> dict[Language, list[str]]:
        for language, examples in value.items():
            for example in examples:
                if not example.strip() or "\n" in example or "\r" in example:
                    raise ValueError(f"{language}: an example must be one line of text")
        return _every_language(
            {language: [e.strip() for e in examples] for language, examples in value.items()}
        )

    def get(self, language: Language) -> list[str]:
        return self.root[language]


def _block_to_list(block: object) -> object:
    if isinstance(block, str):
        lines = (line.strip() for line in block.splitlines())
        return [line[2:].strip() for line in lines if line.startswith("- ")]
    return block


class Topic(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topic: Annotated[str, Field(pattern=TOPIC_ID, max_length=64), AfterValidator(_topic_id)]
    title: PerLanguage
    sources: list[Annotated[str, AfterValidator(_http_url)]] = Field(min_length=1)
    reviewed: date
    unverified: bool = False
    related: list[str] = Field(default_factory=list, max_length=MAX_RELATED)
    variants: list[Variant] = Field(min_length=1)
    examples: Examples

    def variant_on(self, day: date) -> Variant | None:
        return next((v for v in self.variants if v.in_force(day)), None)


def document_of(topic: Topic) -> dict[str, Any]:
    """The topic in the shape of its YAML file, examples as lists: what the API sends and the
    database keeps (JSON-ready: dates as YYYY-MM-DD)."""
    document: dict[str, Any] = topic.model_dump(mode="json", exclude_none=True)
    return document


def _place(location: tuple[int | str, ...]) -> str:
    place = ""
    for part in location:
        if isinstance(part, int):
            place += f"[{part}]"
        elif part != "[key]":
            place += f".{part}" if place else str(part)
    return place


def _schema_fix(error: ErrorDetails) -> str:
    kind, message = error["type"], error["msg"]
    if "missing language" in message:
        return f"write it in every language: {', '.join(LANGUAGES)}"
    if "reserved" in message:
        return "choose another topic id"
    if "one line" in message:
        return "write each example question on a line of its own, without empty lines"
    if kind == "missing":
        return "add it"
    if kind == "extra_forbidden":
        if error["loc"][0] in ("title", "examples") or "answer" in error["loc"]:
            return f"remove it: only {', '.join(LANGUAGES)} are served"
        return "remove it (or correct its name)"
    if kind == "literal_error":
        return f"use one of the languages {', '.join(LANGUAGES)}"
    if kind.startswith("url") or "URL" in message:
        return "give the full web address, starting with https://"
    if kind.startswith("date"):
        return "write the date as YYYY-MM-DD, e.g. 2026-03-01"
    if kind == "string_pattern_mismatch":
        return "use lowercase letters a-z, digits and _ and begin with a letter"
    if kind == "too_short":
        return "give at least one"
    if kind == "too_long" and error["loc"][:1] == ("related",):
        return f"keep at most {MAX_RELATED} related topics"
    if kind in ("string_too_short",):
        return "write the text"
    return "correct the value"


def schema_findings(error: ValidationError, topic: str) -> list[Finding]:
    return [
        Finding(
            "error",
            "schema",
            topic,
            _place(detail["loc"]),
            detail["msg"].removeprefix("Value error, "),
            _schema_fix(detail),
        )
        for detail in error.errors()
    ]


def validate_document(raw: object, topic: str) -> Topic:
    """The document as a Topic, or ContentError with every schema problem (`topic` names it
    in the findings)."""
    if not isinstance(raw, dict):
        raise ContentError(
            [Finding("error", "schema", topic, "", "not a topic", "give the topic's fields")]
        )
    try:
        return Topic.model_validate(raw)
    except ValidationError as error:
        raise ContentError(schema_findings(error, topic)) from error


def own_findings(topic: Topic) -> list[Finding]:
    """The rules a topic keeps alone: enough examples, answers within the length, dated
    variants that meet without gaps or overlaps."""
    name = topic.topic
    found = []
    for language in LANGUAGES:
        count = len(set(topic.examples.get(language)))
        needed = MIN_EXAMPLES[language]
        if count < needed:
            found.append(
                Finding(
                    "error",
                    "examples",
                    name,
                    f"examples.{language}",
                    f"{count} distinct {language} examples, at least {needed} needed",
                    f"add {needed - count} more {language} example questions: other ways"
                    " clients really ask about this",
                )
            )
        for index, variant in enumerate(topic.variants):
            words = len(variant.answer.get(language).split())
            if words > MAX_ANSWER_WORDS:
                found.append(
                    Finding(
                        "error",
                        "answer_length",
                        name,
                        f"variants[{index}].answer.{language}",
                        f"{language} answer has {words} words (max {MAX_ANSWER_WORDS})",
                        f"shorten it by {words - MAX_ANSWER_WORDS} words or more: keep the"
                        " rule and what to do, leave the details to the source",
                    )
                )
    ordered = sorted(enumerate(topic.variants), key=lambda pair: pair[1].valid_from or date.min)
    for (_, before), (index, after) in pairwise(ordered):
        if before.valid_until is None or after.valid_from is None:
            found.append(
                Finding(
                    "error",
                    "variants",
                    name,
                    f"variants[{index}]",
                    "dated variants need valid_until / valid_from where they meet",
                    "give the earlier variant a valid_until and the later one a valid_from",
                )
            )
        elif (after.valid_from - before.valid_until).days != 1:
            found.append(
                Finding(
                    "error",
                    "variants",
                    name,
                    f"variants[{index}].valid_from",
                    f"variants overlap or leave a gap at {after.valid_from}",
                    "make each valid_until the day before the next variant's valid_from",
                )
            )
    return found


def example_key(example: str) -> str:
    """Examples that differ only in case or spacing are the same example."""
    return " ".join(example.lower().split())


def shared_findings(topics: dict[str, Topic]) -> list[Finding]:
    """The rules topics keep together: related topics exist, no example is in two topics."""
    found = []
    owner: dict[str, str] = {}
    for topic in topics.values():
        for index, related in enumerate(topic.related):
            if related not in topics:
                found.append(
                    Finding(
                        "error",
                        "related",
                        topic.topic,
                        f"related[{index}]",
                        f"related topic {related!r} does not exist",
                        "remove it from related, or create that topic",
                    )
                )
            elif related == topic.topic:
                found.append(
                    Finding(
                        "error",
                        "related",
                        topic.topic,
                        f"related[{index}]",
                        "the topic is related to itself",
                        "remove it from related",
                    )
                )
        for language in LANGUAGES:
            for example in topic.examples.get(language):
                other = owner.setdefault(example_key(example), topic.topic)
                if other != topic.topic:
                    found.append(
                        Finding(
                            "error",
                            "duplicate_example",
                            topic.topic,
                            f"examples.{language}",
                            f"example {example!r} is also in {other}.yml",
                            "keep it in the one topic it is about and remove it from the other",
                            {"example": example, "language": language, "other_topic": other},
                        )
                    )
    return found


def parse_file(path: Path) -> Topic:
    """One topic file against the schema, its id against the file name; raises ContentError."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        what = " ".join(str(error).split())
        fix = "correct the YAML syntax (indentation, colons, quotes)"
        raise ContentError([Finding("error", "yaml", path.stem, "", what, fix)]) from error
    topic = validate_document(raw, path.stem)
    if topic.topic != path.stem:
        what = f"topic id {topic.topic!r} differs from the file name {path.stem!r}"
        fix = f"rename the file to {topic.topic}.yml or the topic to {path.stem}"
        raise ContentError([Finding("error", "topic_id", path.stem, "topic", what, fix)])
    return topic


def parse_topic(path: Path) -> Topic:
    """One topic file, with its own rules checked; raises ContentError."""
    topic = parse_file(path)
    found = own_findings(topic)
    if found:
        raise ContentError(found)
    return topic


def load_topics(folder: Path) -> dict[str, Topic]:
    """Every topic in the folder, checked alone and against each other; raises ContentError."""
    topics: dict[str, Topic] = {}
    found: list[Finding] = []
    for path in sorted(folder.glob("*.yml")):
        try:
            topics[path.stem] = parse_topic(path)
        except ContentError as error:
            found += error.findings
    found += shared_findings(topics)
    if found:
        raise ContentError(found)
    return topics
