"""What changed between two versions, in the editor's terms."""

import copy

from api.services.faq.content import Topic, document_of
from api.services.faq.diff import Change, changes, file_diff
from tests.api.faq_fixtures import topic


def test_each_kind_of_change_is_named_where_it_is() -> None:
    before = document_of(Topic.model_validate(topic("alpha")))
    after = copy.deepcopy(before)
    after["title"]["sv"] = "Nytt ämne"
    after["variants"][1]["answer"]["en"] = "Newer rule."
    after["variants"][1]["valid_from"] = "2026-01-02"
    after["variants"][0]["valid_until"] = "2026-01-01"
    after["examples"]["fi"] = [*after["examples"]["fi"][1:], "uusi kysymys"]
    after["sources"] = ["https://example.org/other"]
    after["reviewed"] = "2026-12-01"
    after["variants"].append(
        {"valid_from": "2027-01-01", "answer": {"fi": "a", "sv": "b", "en": "c"}}
    )
    assert changes(before, after, retired_after=True) == [
        Change("retired", False, True),
        Change("title.sv", "Ämne alpha", "Nytt ämne"),
        Change(
            "sources", added=["https://example.org/other"], removed=["https://example.org/rule"]
        ),
        Change("reviewed", "2026-11-29", "2026-12-01"),
        Change("variants[0].valid_until", "2025-12-31", "2026-01-01"),
        Change("variants[1].valid_from", "2026-01-01", "2026-01-02"),
        Change("variants[1].answer.en", "New rule.", "Newer rule."),
        Change("variants[2]", after=after["variants"][2]),
        Change("examples.fi", added=["uusi kysymys"], removed=["alpha kysymys 0"]),
    ]


def test_the_same_examples_reordered_and_no_change() -> None:
    before = document_of(Topic.model_validate(topic("alpha")))
    assert changes(before, before) == []
    after = copy.deepcopy(before)
    after["examples"]["sv"].reverse()
    (change,) = changes(before, after)
    assert change.where == "examples.sv" and change.added == change.removed == []


def test_the_file_diff_is_unified() -> None:
    text = file_diff("a: 1\nb: 2\n", "a: 1\nb: 3\n", "x.yml (v1)", "x.yml (v2)")
    assert text.splitlines()[:2] == ["--- x.yml (v1)", "+++ x.yml (v2)"]
    assert "-b: 2" in text and "+b: 3" in text
