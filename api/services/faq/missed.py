"""What clients asked that the assistant did not understand: the messages that ended in the
fallback or in "did you mean", redacted on receipt, each with its nearest topic, for the
content team to add as an example question of a topic (a new draft version) or dismiss.

The nearest topic is the FAQ's own keyword match, not the sentence embeddings: comparing a
message with every example's vector needs the vectors of all 5,000 examples, which a cold
cache takes minutes to compute, while the words the message shares with the examples take
20 ms (and the editor may pick another topic in any case).
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from api.orm import FaqMissedQuestion, FaqTopicVersion, MissedKind, User
from api.repositories import audit_log, faq_missed_questions
from api.services.faq import store
from api.services.faq.content import Topic, example_key
from api.services.redaction import Redactor
from vocabulary.languages import Language

logger = logging.getLogger(__name__)

WORD = re.compile(r"[^\W\d_]+")
# Finnish inflects and compounds, Swedish compounds: a word's first letters stand for it
# ("työttömyysturva", "työttömäksi" -> "tyött"), as the themes' keyword stems do.
STEM = 5
MIN_WORD = 3
# The redactor's placeholders (<PHONE>) are no client's words.
PLACEHOLDER = re.compile(r"<[A-Z_]+>")
# The editor's list shows at most this many (the newest); retention keeps it small anyway.
LIST_LIMIT = 500


class UnknownQuestion(LookupError):
    """No such missed question (added or dismissed already, or purged)."""


def stems(text: str) -> set[str]:
    words = WORD.findall(PLACEHOLDER.sub(" ", text).casefold())
    return {word[:STEM] for word in words if len(word) >= MIN_WORD}


def nearest_topic(text: str, language: Language, topics: dict[str, Topic]) -> str | None:
    """The topic of the example (or title) in `language` that shares the rarest words with
    `text`: each shared stem weighs log(examples / examples that have it), the sum divided by
    the square root of the example's own stems (a long example shares words by its length);
    None when no example shares a word. On the held-out test questions (tests/faq_heldout/,
    406 in three languages) it names the right topic for 80 % (a topic's examples taken
    together as one bag of words: 70 %), in about 20 ms."""
    wanted = stems(text)
    if not wanted:
        return None
    examples = [
        (name, stems(example))
        for name, topic in topics.items()
        for example in [topic.title.get(language), *topic.examples.get(language)]
    ]
    having = Counter(stem for _, found in examples for stem in found & wanted)
    best, best_score = None, 0.0
    for name, found in examples:
        shared = wanted & found
        if not shared:
            continue
        weight = sum(math.log(len(examples) / having[stem]) for stem in shared)
        score = weight / math.sqrt(len(found))
        if score > best_score:
            best, best_score = name, score
    return best


def one_line(text: str) -> str:
    """An example is one line: the message's line breaks and runs of spaces become a space."""
    return " ".join(text.split())


def record(
    session: Session,
    *,
    text: str,
    language: Language,
    kind: MissedKind,
    redactor: Redactor,
    topics: dict[str, Topic],
    now: datetime,
) -> FaqMissedQuestion:
    """Stores the message as the redactor returns it (never the raw text), with its nearest
    live topic."""
    redacted = one_line(redactor.redact(text, language))
    return faq_missed_questions.add(
        session,
        text=redacted,
        language=language,
        kind=kind,
        nearest_topic=nearest_topic(redacted, language, topics),
        now=now,
    )


@dataclass(frozen=True)
class Group:
    """The missed questions nearest to one topic (None: no topic was near), newest first."""

    topic: str | None
    questions: list[FaqMissedQuestion]


def groups(session: Session, limit: int = LIST_LIMIT) -> list[Group]:
    """The newest missed questions by their nearest topic; the group with the newest question
    first, the questions near no topic last."""
    by_topic: dict[str | None, list[FaqMissedQuestion]] = defaultdict(list)
    for row in faq_missed_questions.newest(session, limit):
        by_topic[row.nearest_topic].append(row)
    ordered = [Group(topic, rows) for topic, rows in by_topic.items() if topic is not None]
    if None in by_topic:
        ordered.append(Group(None, by_topic[None]))
    return ordered


def _question(session: Session, question_id: int) -> FaqMissedQuestion:
    row = faq_missed_questions.get(session, question_id)
    if row is None:
        raise UnknownQuestion(question_id)
    return row


def with_example(document: dict[str, Any], language: str, text: str) -> dict[str, Any]:
    """The topic's document with `text` as one more example in `language` (unless it has it)."""
    examples = dict(document["examples"])
    listed = list(examples[language])
    if example_key(text) not in {example_key(e) for e in listed}:
        listed.append(text)
    examples[language] = listed
    return {**document, "examples": examples}


def add_as_example(
    session: Session, question_id: int, topic: str, *, author: User, now: datetime
) -> FaqTopicVersion:
    """The question as an example of `topic` in its language: a new draft version of the
    topic's newest one (store.save, audited), and the question leaves the list, in one
    transaction. UnknownQuestion, store.UnknownTopic, ContentError as they come."""
    row = _question(session, question_id)
    current = store.head(session, topic)
    document = with_example(current.document, row.language, row.text)
    faq_missed_questions.remove(session, row)
    try:
        saved = store.save(session, topic, document, base=current.version, author=author, now=now)
    except Exception:
        session.rollback()
        raise
    session.commit()  # an example the topic had already: no version, the question goes
    logger.info("missed question added as an example of %s (v%d)", topic, saved.version)
    return saved


def dismiss(session: Session, question_id: int, *, author: User, now: datetime) -> None:
    """The question leaves the list (deleted; the audit log says who dismissed one, when)."""
    row = _question(session, question_id)
    faq_missed_questions.remove(session, row)
    audit_log.record(
        session,
        user_id=author.id,
        action="faq_missed_dismiss",
        meeting_id=None,
        now=now,
        subject=f"faq_missed {question_id}",
    )


def topics_of(versions: Iterable[FaqTopicVersion]) -> list[str]:
    """The topics an example may go to: those not being retired, by id."""
    return sorted(row.topic for row in versions if not row.retires)
