"""An FAQ answer as the client reads it: the rule of the day, dated in the language, with the
topics to go on to (known ones, in order) and the way to the advisor."""

from datetime import date
from pathlib import Path

import pytest

from api.services.faq.answers import format_date, render_answer, render_suggestions
from api.services.faq.content import Topic, load_topics
from tests.api.faq_fixtures import topic, write


@pytest.fixture
def topics(tmp_path: Path) -> dict[str, Topic]:
    return load_topics(
        write(tmp_path, topic("alpha", ["gamma", "beta"]), topic("beta"), topic("gamma"))
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi", "1.9.2026"), ("sv", "1.9.2026"), ("en", "1 September 2026")],
)
def test_dates_as_each_language_writes_them(language: str, expected: str) -> None:
    assert format_date(date(2026, 9, 1), language) == expected  # type: ignore[arg-type]


def test_the_related_topics_in_their_order_and_the_advisor(topics: dict[str, Topic]) -> None:
    del topics["beta"]  # a related topic that is gone is left out
    answer = render_answer(topics["alpha"], topics, "sv", date(2026, 2, 1))
    assert answer is not None
    assert [(t.topic, t.title) for t in answer.related] == [("gamma", "Ämne gamma")]
    assert answer.advisor_prompt == "Fråga din rådgivare"
    assert "Den här regeln gäller sedan 1.1.2026." in answer.text


def test_a_past_rule_says_until_when(topics: dict[str, Topic]) -> None:
    answer = render_answer(topics["beta"], topics, "en", date(2025, 6, 1))
    assert answer is not None
    assert answer.text.startswith("Old rule.")
    assert answer.valid_until == date(2025, 12, 31)


def test_suggestions_are_at_most_three_known_topics_once(topics: dict[str, Topic]) -> None:
    found = render_suggestions(["gamma", "gamma", "nope", "beta", "alpha"], topics, "en")
    assert [t.topic for t in found.topics] == ["gamma", "beta", "alpha"]
    assert found.text.startswith("I'm not sure")
