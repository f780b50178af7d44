"""The checks of the FAQ content before it is published (the editor's UI, `make check-content`,
and every publish): errors block a publish, warnings only tell.

Errors: the schema, enough examples in every language, answers within the length limit, dated
variants without gaps or overlaps, related topics that exist, no example in two topics.
Warnings: a review that is overdue, a topic with no rule in force today, plain-language hints
for Finnish and Swedish (long sentences, long words), and likely conflicts: an example that
the sentence embeddings place among another topic's examples with high confidence.
"""

from __future__ import annotations

import calendar
import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

from api.services.faq.content import (
    Finding,
    Topic,
    example_key,
    own_findings,
    shared_findings,
)
from embeddings import Embedder
from vocabulary.languages import LANGUAGES, Language


@dataclass(frozen=True)
class PlainLanguage:
    """When a sentence or a word is long enough to suggest a plainer one."""

    sentence_words: int
    word_letters: int


# Tuned on the 44 topics: a handful of hints each, on the sentences and words a reader
# of plain Finnish or Swedish would stumble on.
PLAIN_LANGUAGE: dict[Language, PlainLanguage] = {
    "fi": PlainLanguage(sentence_words=18, word_letters=22),
    "sv": PlainLanguage(sentence_words=25, word_letters=22),
}
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9\"(])")
WORD = re.compile(r"[^\W\d_]+(?:[-–][^\W\d_]+)*")
URL = re.compile(r"\S+://\S+|\S+@\S+")


@dataclass(frozen=True)
class Conflicts:
    """How the likely-conflict check votes: each example's `neighbours` closest examples of
    other topics and its own (itself left out) vote for their topic, weighted by
    exp(similarity / temperature); another topic with at least `confidence` of the vote is a
    likely conflict. The embeddings' cosines are compressed (about 0.75-0.95), hence the low
    temperature. On the 44 topics these flag 18 of 5,296 examples, each one a question the
    other topic answers as well (0.8 and 0.01 flagged 136, many of them merely related)."""

    neighbours: int = 10
    temperature: float = 0.02
    confidence: float = 0.9
    shown: int = 3  # the competing topic's closest examples shown with a conflict


CONFLICTS = Conflicts()


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has no such day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def review_due(topic: Topic, review_interval_months: int) -> date:
    return add_months(topic.reviewed, review_interval_months)


def _review_findings(topic: Topic, today: date, review_interval_months: int) -> list[Finding]:
    found = []
    due = review_due(topic, review_interval_months)
    if due < today:
        found.append(
            Finding(
                "warning",
                "review",
                topic.topic,
                "reviewed",
                f"the review is overdue since {due.isoformat()} (reviewed"
                f" {topic.reviewed.isoformat()}, every {review_interval_months} months)",
                "check the answers against the sources, then set reviewed to that day",
            )
        )
    if topic.variant_on(today) is None:
        found.append(
            Finding(
                "warning",
                "variants",
                topic.topic,
                "variants",
                f"no variant is in force today ({today.isoformat()})",
                "give the first variant no valid_from, or add a variant for today",
            )
        )
    return found


def plain_language_findings(topic: Topic) -> list[Finding]:
    """Hints, per answer and language, for sentences and words that are long to read."""
    found = []
    for index, variant in enumerate(topic.variants):
        for language, limits in PLAIN_LANGUAGE.items():
            text = URL.sub(" ", variant.answer.get(language))
            where = f"variants[{index}].answer.{language}"
            long_sentences = [
                s for s in SENTENCE_END.split(text) if len(s.split()) > limits.sentence_words
            ]
            if long_sentences:
                found.append(
                    Finding(
                        "warning",
                        "plain_language",
                        topic.topic,
                        where,
                        f"{len(long_sentences)} sentence(s) of more than"
                        f" {limits.sentence_words} words: "
                        + " / ".join(f"{s[:60]}…" for s in long_sentences),
                        "split each into two shorter sentences",
                        {"sentences": long_sentences},
                    )
                )
            long_words = list(
                dict.fromkeys(w for w in WORD.findall(text) if len(w) > limits.word_letters)
            )
            if long_words:
                found.append(
                    Finding(
                        "warning",
                        "plain_language",
                        topic.topic,
                        where,
                        f"long words (over {limits.word_letters} letters): {', '.join(long_words)}",
                        "use a shorter or more common word where you can, or explain the term"
                        " once and then use a short form",
                        {"words": long_words},
                    )
                )
    return found


@dataclass(frozen=True)
class _Example:
    topic: str
    language: Language
    text: str


class ExampleEmbeddings:
    """The examples' sentence embeddings for the conflict check: one embedder (loaded on first
    use), one call at a time, vectors kept by text for the process's life."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder
        self._known: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def vectors(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._known))
            if missing:
                fresh = self._embedder.embed(missing)
                self._known.update(zip(missing, fresh, strict=True))
                save = getattr(self._embedder, "save", None)
                if callable(save):  # a CachedEmbedder keeps them for the next process
                    save()
            if not texts:
                return np.zeros((0, self._embedder.dimension), dtype=np.float32)
            return np.stack([self._known[t] for t in texts])


def conflict_findings(
    topics: dict[str, Topic],
    embeddings: ExampleEmbeddings,
    *,
    only: set[str] | None = None,
    settings: Conflicts = CONFLICTS,
) -> list[Finding]:
    """Likely conflicts among the examples of `only` (default: all topics), against every
    topic's examples."""
    examples: list[_Example] = []
    for topic in topics.values():
        seen: set[str] = set()
        for language in LANGUAGES:
            for text in topic.examples.get(language):
                if example_key(text) not in seen:
                    seen.add(example_key(text))
                    examples.append(_Example(topic.topic, language, text))
    if len({e.topic for e in examples}) < 2:
        return []
    matrix = embeddings.vectors([e.text for e in examples])
    owners = np.array([e.topic for e in examples])
    same: dict[str, list[int]] = defaultdict(list)
    for index, example in enumerate(examples):
        same[example_key(example.text)].append(index)
    asked = [i for i, e in enumerate(examples) if only is None or e.topic in only]
    found = []
    for start in range(0, len(asked), 256):
        rows = asked[start : start + 256]
        similarity = matrix[rows] @ matrix.T
        for row, index in enumerate(rows):
            # Not itself, nor the same example in another topic (a duplicate: an error).
            similarity[row, same[example_key(examples[index].text)]] = -np.inf
        for row, index in enumerate(rows):
            finding = _conflict(examples, owners, similarity[row], index, settings)
            if finding is not None:
                found.append(finding)
    return found


def _conflict(
    examples: list[_Example],
    owners: np.ndarray,
    similarity: np.ndarray,
    index: int,
    settings: Conflicts,
) -> Finding | None:
    example = examples[index]
    nearest = np.argpartition(-similarity, settings.neighbours)[: settings.neighbours]
    nearest = nearest[np.argsort(-similarity[nearest])]
    weights = np.exp((similarity[nearest] - similarity[nearest[0]]) / settings.temperature)
    votes: dict[str, float] = defaultdict(float)
    for neighbour, weight in zip(nearest, weights, strict=True):
        votes[str(owners[neighbour])] += float(weight)
    total = sum(votes.values())
    other, weight = max(votes.items(), key=lambda item: item[1])
    confidence = weight / total
    if other == example.topic or confidence < settings.confidence:
        return None
    closest = [
        {
            "example": examples[n].text,
            "language": examples[n].language,
            "similarity": round(float(similarity[n]), 3),
        }
        for n in nearest
        if owners[n] == other
    ][: settings.shown]
    return Finding(
        "warning",
        "conflict",
        example.topic,
        f"examples.{example.language}",
        f"example {example.text!r} reads like topic {other} ({confidence:.0%} sure): closest"
        f" there {', '.join(repr(c['example']) for c in closest)}",
        f"if it is about {other}, move it there; if not, reword it with what makes it this"
        " topic, or make the other topic's examples more specific",
        {
            "example": example.text,
            "language": example.language,
            "competing_topic": other,
            "confidence": round(confidence, 3),
            "closest": closest,
        },
    )


def check_topics(
    topics: dict[str, Topic],
    *,
    today: date,
    review_interval_months: int,
    embeddings: ExampleEmbeddings | None = None,
    only: set[str] | None = None,
) -> list[Finding]:
    """Every finding for the content `topics` (what would be live), errors first; with `only`,
    those of these topics. The conflict check runs when `embeddings` are given."""
    wanted = set(topics) if only is None else only
    found = [f for f in shared_findings(topics) if f.topic in wanted]
    for name in sorted(wanted & set(topics)):
        topic = topics[name]
        found += own_findings(topic)
        found += _review_findings(topic, today, review_interval_months)
        found += plain_language_findings(topic)
    if embeddings is not None:
        found += conflict_findings(topics, embeddings, only=wanted)
    return sorted(found, key=lambda f: (f.severity != "error", f.topic))


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.severity == "error"]
