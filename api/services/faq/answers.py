"""An answer as the client reads it: the rule in force on the day, with its date and source,
and the topics to go on to. Data only: the action server makes the buttons."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date as babel_format_date

from api.schemas.faq import FaqAnswerOut, FaqSuggestionsOut, FaqTopicOut
from api.services.faq.content import Topic
from vocabulary.languages import LOCALES, Language

# Day and month as each language writes a date in running text: 1.1.2026, 1 January 2026.
DATE_PATTERNS: dict[Language, str] = {"fi": "d.M.y", "sv": "d.M.y", "en": "d MMMM y"}

LABELS: dict[Language, dict[str, str]] = {
    "fi": {
        "since": "Tämä sääntö on voimassa {date} alkaen.",
        "until": "Tämä sääntö oli voimassa {date} asti.",
        "reviewed": "Tieto tarkistettu {date}.",
        "source": "Lähde",
        "unverified": "Tätä yksityiskohtaa ei ole vielä varmistettu: tarkista se omalta "
        "työllisyysalueeltasi.",
        "advisor": "Kysy asiantuntijalta",
        "did_you_mean": "En ole varma, mitä tarkoitit. Tarkoititko jotakin näistä?",
    },
    "sv": {
        "since": "Den här regeln gäller sedan {date}.",
        "until": "Den här regeln gällde till och med {date}.",
        "reviewed": "Uppgiften granskad {date}.",
        "source": "Källa",
        "unverified": "Den här detaljen är ännu inte bekräftad: kontrollera den hos ditt "
        "sysselsättningsområde.",
        "advisor": "Fråga din rådgivare",
        "did_you_mean": "Jag är inte säker på vad du menade. Menade du något av det här?",
    },
    "en": {
        "since": "This rule has applied since {date}.",
        "until": "This rule applied until {date}.",
        "reviewed": "Checked on {date}.",
        "source": "Source",
        "unverified": "This detail is not confirmed yet: please check it with your "
        "employment area.",
        "advisor": "Ask your advisor",
        "did_you_mean": "I'm not sure what you meant. Did you mean one of these?",
    },
}


def format_date(day: date, language: Language) -> str:
    return babel_format_date(day, DATE_PATTERNS[language], locale=LOCALES[language])


def topic_out(topic: Topic, language: Language) -> FaqTopicOut:
    return FaqTopicOut(topic=topic.topic, title=topic.title.get(language))


def render_answer(
    topic: Topic, topics: dict[str, Topic], language: Language, day: date
) -> FaqAnswerOut | None:
    """The answer in force on `day`, or None when the topic has no rule for that day."""
    variant = topic.variant_on(day)
    if variant is None:
        return None
    labels = LABELS[language]
    notes = []
    if topic.unverified:
        notes.append(labels["unverified"])
    if variant.valid_from is not None:
        notes.append(labels["since"].format(date=format_date(variant.valid_from, language)))
    if variant.valid_until is not None and variant.valid_until < day:
        notes.append(labels["until"].format(date=format_date(variant.valid_until, language)))
    notes.append(labels["reviewed"].format(date=format_date(topic.reviewed, language)))
    sources = " ".join(str(url) for url in topic.sources)
    text = f"{variant.answer.get(language)}\n\n{' '.join(notes)}\n{labels['source']}: {sources}"
    return FaqAnswerOut(
        topic=topic.topic,
        title=topic.title.get(language),
        language=language,
        text=text,
        valid_from=variant.valid_from,
        valid_until=variant.valid_until,
        reviewed=topic.reviewed,
        sources=[str(url) for url in topic.sources],
        unverified=topic.unverified,
        related=[topic_out(topics[r], language) for r in topic.related if r in topics],
        advisor_prompt=labels["advisor"],
    )


def render_suggestions(
    candidates: list[str], topics: dict[str, Topic], language: Language
) -> FaqSuggestionsOut:
    """ "Did you mean …": the closest known topics, instead of a possibly wrong answer."""
    known = [topics[c] for c in dict.fromkeys(candidates) if c in topics][:3]
    return FaqSuggestionsOut(
        text=LABELS[language]["did_you_mean"], topics=[topic_out(t, language) for t in known]
    )
