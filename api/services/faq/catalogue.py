"""The editor's list of topics: each topic's newest version with what is missing per language,
when it is due for review, its dated variants and how often clients asked about it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from api.orm import FaqTopicVersion
from api.repositories import faq_topic_asks, faq_topic_versions
from api.services.faq.checks import review_due
from api.services.faq.content import MIN_EXAMPLES, Topic
from api.services.faq.store import as_topic
from vocabulary.languages import LANGUAGES, Language


@dataclass(frozen=True)
class Completeness:
    examples: int  # distinct ones
    needed: int

    @property
    def complete(self) -> bool:
        return self.examples >= self.needed


@dataclass(frozen=True)
class TopicSummary:
    head: FaqTopicVersion
    topic: Topic
    published: FaqTopicVersion | None
    completeness: dict[Language, Completeness]
    review_due: date
    overdue: bool
    asks: int


def _matches(topic: Topic, query: str) -> bool:
    """The query in the topic's id, titles, answers, examples or sources (any case)."""
    wanted = query.casefold()
    texts = [topic.topic, *topic.sources, *topic.title.root.values()]
    for variant in topic.variants:
        texts += variant.answer.root.values()
    for language in LANGUAGES:
        texts += topic.examples.get(language)
    return any(wanted in text.casefold() for text in texts)


def summaries(
    session: Session,
    *,
    now: datetime,
    today: date,
    review_interval_months: int,
    asks_window: timedelta,
    query: str | None = None,
) -> list[TopicSummary]:
    published = faq_topic_versions.published(session)
    asks = faq_topic_asks.counts_since(session, now - asks_window)
    result = []
    for name, head in faq_topic_versions.heads(session).items():
        topic = as_topic(head)
        if query and not _matches(topic, query.strip()):
            continue
        due = review_due(topic, review_interval_months)
        result.append(
            TopicSummary(
                head=head,
                topic=topic,
                published=published.get(name),
                completeness={
                    language: Completeness(
                        len(set(topic.examples.get(language))), MIN_EXAMPLES[language]
                    )
                    for language in LANGUAGES
                },
                review_due=due,
                overdue=due < today,
                asks=asks.get(name, 0),
            )
        )
    return result
