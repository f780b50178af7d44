"""The labelled sentences of tests/names_labelled/ and how the redactor scores on them.

Shared by test_names_labelled.py (floors) and scripts/bench_names.py (the figures).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from api.services.faq.content import load_topics
from api.services.redaction import Redactor
from api.services.redaction.persons import PERSON
from vocabulary.languages import Language

REPO_ROOT = Path(__file__).resolve().parents[4]
LABELLED = REPO_ROOT / "tests" / "names_labelled"
FAQ = REPO_ROOT / "data" / "faq"
_MARK = re.compile(r"\[([^\[\]]+)\]")
_WORD = re.compile(r"\w+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Sentence:
    text: str
    names: tuple[tuple[int, int], ...]  # character spans of the names


def parse(marked: str) -> Sentence:
    """ "Soitin [Virtaselle]." -> the text without brackets and the span of each name."""
    text, names, last = "", [], 0
    for match in _MARK.finditer(marked):
        text += marked[last : match.start()]
        names.append((len(text), len(text) + len(match.group(1))))
        text += match.group(1)
        last = match.end()
    return Sentence(text + marked[last:], tuple(names))


# "adjusted": the sentences the rules were adjusted on, with the FAQ's examples as ordinary
# text; "heldout": sentences written after that and never adjusted on.
PARTS = ("adjusted", "heldout")


def load(language: Language, part: str = "adjusted") -> tuple[list[Sentence], list[str]]:
    """The sentences with names, and the ordinary ones."""
    document = yaml.safe_load((LABELLED / f"{language}.yml").read_text(encoding="utf-8"))
    prefix = "heldout_" if part == "heldout" else ""
    named = [parse(s) for s in document[f"{prefix}names"]]
    ordinary = list(document[f"{prefix}ordinary"])
    if part == "adjusted":
        for topic in load_topics(FAQ).values():
            ordinary.extend(topic.examples.get(language))
    return named, ordinary


def faq_answer_sentences(language: Language) -> list[str]:
    """The FAQ's answers, sentence by sentence: prose full of places and organisations."""
    sentences = []
    for topic in load_topics(FAQ).values():
        for variant in topic.variants:
            sentences.extend(_SENTENCE_BREAK.split(variant.answer.root[language]))
    return sentences


def person_spans(redactor: Redactor, text: str, language: Language) -> list[tuple[int, int]]:
    found = redactor.analyzer.analyze(text=text, language=language, entities=[PERSON])
    return [(r.start, r.end) for r in found]


@dataclass
class Score:
    names: int = 0
    caught: int = 0
    partly: int = 0  # some letters of the name left
    words: int = 0  # words outside any name, in both kinds of sentence
    wrong_words: int = 0  # of those, covered by a <PERSON>
    ordinary: int = 0
    ordinary_changed: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.caught / self.names if self.names else 1.0

    @property
    def false_positive_rate(self) -> float:
        """The share of ordinary messages in which something was taken for a name."""
        return self.ordinary_changed / self.ordinary if self.ordinary else 0.0

    @property
    def wrong_word_rate(self) -> float:
        return self.wrong_words / self.words if self.words else 0.0


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(max(0, min(end, e) - max(start, s)) for s, e in spans)


def score(redactor: Redactor, language: Language, part: str = "adjusted") -> Score:
    named, ordinary = load(language, part)
    result = Score()
    for sentence in [*named, *(Sentence(text, ()) for text in ordinary)]:
        spans = person_spans(redactor, sentence.text, language)
        for start, end in sentence.names:
            result.names += 1
            covered = _covered(spans, start, end)
            if covered >= end - start:
                result.caught += 1
            else:
                result.partly += covered > 0
                result.misses.append(f"{sentence.text!r}: {sentence.text[start:end]!r}")
        for word in _WORD.finditer(sentence.text):
            if any(s <= word.start() < e for s, e in sentence.names):
                continue
            result.words += 1
            if _covered(spans, word.start(), word.end()):
                result.wrong_words += 1
                result.false_positives.append(f"{sentence.text!r}: {word.group()!r}")
        if not sentence.names:
            result.ordinary += 1
            result.ordinary_changed += bool(spans)
    return result
