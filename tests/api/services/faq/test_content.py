from datetime import date
from pathlib import Path
from typing import Any

import pytest

from api.core.settings import REPO_ROOT
from api.services.faq.content import ContentError, load_topics
from tests.api.faq_fixtures import topic, write


def problems_of(folder: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_topics(folder)
    return "\n".join(caught.value.problems)


def test_valid_topics_load(tmp_path: Path) -> None:
    topics = load_topics(write(tmp_path, topic("alpha", ["beta"]), topic("beta")))
    assert set(topics) == {"alpha", "beta"}
    assert topics["alpha"].variant_on(date(2025, 6, 1)).answer.get("fi") == "Vanha sääntö."  # type: ignore[union-attr]
    assert topics["alpha"].variant_on(date(2026, 1, 1)).answer.get("fi") == "Uusi sääntö."  # type: ignore[union-attr]


def test_missing_language_is_rejected(tmp_path: Path) -> None:
    bad = topic("alpha")
    del bad["title"]["sv"]
    problems = problems_of(write(tmp_path, bad))
    assert "alpha.yml (title)" in problems and "missing language: sv" in problems


def test_a_language_we_do_not_serve_is_rejected(tmp_path: Path) -> None:
    bad = topic("alpha")
    bad["title"]["de"] = "Thema"
    assert "title.de" in problems_of(write(tmp_path, bad))


def test_missing_examples_of_a_language_are_rejected(tmp_path: Path) -> None:
    bad = topic("alpha")
    del bad["examples"]["en"]
    assert "missing language: en" in problems_of(write(tmp_path, bad))


def test_too_few_examples_are_rejected(tmp_path: Path) -> None:
    bad = topic("alpha")
    bad["examples"]["sv"] = "- vad gäller\n"
    assert "1 distinct sv examples, at least 10 needed" in problems_of(write(tmp_path, bad))


def test_duplicate_example_across_topics_is_rejected(tmp_path: Path) -> None:
    first, second = topic("alpha"), topic("beta")
    second["examples"]["en"] += "- Alpha  question 3\n"
    assert "is also in alpha.yml" in problems_of(write(tmp_path, first, second))


@pytest.mark.parametrize("field", ["sources", "reviewed"])
def test_missing_source_or_review_date_is_rejected(tmp_path: Path, field: str) -> None:
    bad = topic("alpha")
    del bad[field]
    assert field in problems_of(write(tmp_path, bad))


def test_empty_sources_are_rejected(tmp_path: Path) -> None:
    assert "sources" in problems_of(write(tmp_path, topic("alpha", sources=[])))


@pytest.mark.parametrize(
    ("variants", "expected"),
    [
        ([{"valid_until": "2025-12-30"}, {"valid_from": "2026-01-01"}], "gap"),
        ([{"valid_until": "2026-01-05"}, {"valid_from": "2026-01-01"}], "overlap"),
        ([{}, {"valid_from": "2026-01-01"}], "where they meet"),
    ],
)
def test_dated_variants_must_meet(
    tmp_path: Path, variants: list[dict[str, Any]], expected: str
) -> None:
    answer = {"fi": "x", "sv": "x", "en": "x"}
    bad = topic("alpha", variants=[v | {"answer": answer} for v in variants])
    assert expected in problems_of(write(tmp_path, bad))


def test_unknown_related_topic_is_rejected(tmp_path: Path) -> None:
    assert "'gamma' does not exist" in problems_of(write(tmp_path, topic("alpha", ["gamma"])))


def test_file_name_must_match_topic_id(tmp_path: Path) -> None:
    write(tmp_path, topic("alpha"))
    (tmp_path / "alpha.yml").rename(tmp_path / "other.yml")
    assert "differs from the file name" in problems_of(tmp_path)


def test_the_real_content_passes() -> None:
    topics = load_topics(REPO_ROOT / "data" / "faq")
    assert len(topics) >= 40
