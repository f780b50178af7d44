"""The schema of a FAQ topic file, its loader and the checks a content change must pass."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Annotated, TypeVar

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    RootModel,
    StringConstraints,
    ValidationError,
    field_validator,
)

from vocabulary.languages import LANGUAGES, Language

MIN_EXAMPLES: dict[Language, int] = {"fi": 15, "sv": 10, "en": 10}
MAX_ANSWER_WORDS = 150  # the guideline is ~120; this is the hard stop
_T = TypeVar("_T")


class ContentError(ValueError):
    """A topic file (or the set of them) breaks the rules; `problems` lists every one."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _every_language(value: dict[Language, _T]) -> dict[Language, _T]:
    missing = [language for language in LANGUAGES if language not in value]
    if missing:
        raise ValueError(f"missing language: {', '.join(missing)}")
    return {language: value[language] for language in LANGUAGES}


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
    Rasa writes it."""

    @field_validator("root", mode="before")
    @classmethod
    def _blocks_to_lists(cls, value: object) -> object:
        if not isinstance(value, dict):
            return value
        return {language: _block_to_list(block) for language, block in value.items()}

    @field_validator("root")
    @classmethod
    def _all_languages(cls, value: dict[Language, list[str]]) -> dict[Language, list[str]]:
        return _every_language(value)

    def get(self, language: Language) -> list[str]:
        return self.root[language]


def _block_to_list(block: object) -> object:
    if isinstance(block, str):
        lines = (line.strip() for line in block.splitlines())
        return [line[2:].strip() for line in lines if line.startswith("- ")]
    return block


class Topic(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topic: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: PerLanguage
    sources: list[HttpUrl] = Field(min_length=1)
    reviewed: date
    unverified: bool = False
    related: list[str] = Field(default_factory=list, max_length=3)
    variants: list[Variant] = Field(min_length=1)
    examples: Examples

    def variant_on(self, day: date) -> Variant | None:
        return next((v for v in self.variants if v.in_force(day)), None)


def _own_problems(topic: Topic, name: str) -> list[str]:
    problems = []
    if topic.topic != name:
        problems.append(f"topic id {topic.topic!r} differs from the file name {name!r}")
    for language in LANGUAGES:
        count = len(set(topic.examples.get(language)))
        if count < MIN_EXAMPLES[language]:
            problems.append(
                f"{count} distinct {language} examples, at least {MIN_EXAMPLES[language]} needed"
            )
        for variant in topic.variants:
            words = len(variant.answer.get(language).split())
            if words > MAX_ANSWER_WORDS:
                problems.append(f"{language} answer has {words} words (max {MAX_ANSWER_WORDS})")
    ordered = sorted(topic.variants, key=lambda v: v.valid_from or date.min)
    for before, after in pairwise(ordered):
        if before.valid_until is None or after.valid_from is None:
            problems.append("dated variants need valid_until / valid_from where they meet")
        elif (after.valid_from - before.valid_until).days != 1:
            problems.append(f"variants overlap or leave a gap at {after.valid_from}")
    return problems


def parse_topic(path: Path) -> Topic:
    """One topic file, with its own rules checked; raises ContentError."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        topic = Topic.model_validate(raw)
    except (yaml.YAMLError, ValidationError) as error:
        raise ContentError([f"{path.name}: {line}" for line in str(error).splitlines()]) from error
    problems = _own_problems(topic, path.stem)
    if problems:
        raise ContentError([f"{path.name}: {p}" for p in problems])
    return topic


def load_topics(folder: Path) -> dict[str, Topic]:
    """Every topic in the folder, checked alone and against each other; raises ContentError."""
    topics: dict[str, Topic] = {}
    problems: list[str] = []
    for path in sorted(folder.glob("*.yml")):
        try:
            topics[path.stem] = parse_topic(path)
        except ContentError as error:
            problems += error.problems
    owner: dict[str, str] = {}
    for topic in topics.values():
        for missing in set(topic.related) - set(topics):
            problems.append(f"{topic.topic}.yml: related topic {missing!r} does not exist")
        for language in LANGUAGES:
            for example in topic.examples.get(language):
                key = " ".join(example.lower().split())
                other = owner.setdefault(key, topic.topic)
                if other != topic.topic:
                    problems.append(
                        f"{topic.topic}.yml: example {example!r} is also in {other}.yml"
                    )
    if problems:
        raise ContentError(problems)
    return topics
