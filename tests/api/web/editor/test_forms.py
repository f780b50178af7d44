"""The topic form: a document as fields and back, and each finding's place as its field."""

import pytest

from api.core.settings import REPO_ROOT
from api.services.faq.content import document_of, load_topics
from api.web.editor import forms
from tests.api.faq_fixtures import topic
from vocabulary.languages import LANGUAGES


@pytest.mark.parametrize(
    ("where", "field"),
    [
        ("title.sv", "title_sv"),
        ("sources", "sources"),
        ("sources[1]", "sources"),
        ("reviewed", "reviewed"),
        ("related[0]", "related"),
        ("topic", "topic"),
        ("variants[1].answer.en", "v1_answer_en"),
        ("variants[2].valid_until", "v2_valid_until"),
        ("variants[1]", "v1_valid_from"),
        ("variants", "v0_answer_fi"),
        ("examples.sv", "examples_sv"),
        ("examples.fi[3]", "examples_fi"),
        ("", None),
        ("something.else", None),
    ],
)
def test_a_findings_place_is_its_field(where: str, field: str | None) -> None:
    assert forms.field_of(where) == field


def test_a_document_round_trips_through_the_form() -> None:
    document = topic("alpha", related=["beta"])
    document["examples"] = {
        language: forms.lines(block) for language, block in document["examples"].items()
    }
    values = forms.from_document(document)
    assert values.examples["fi"].splitlines()[0] == "alpha kysymys 0"
    posted = {
        "topic": "ignored",
        "variant_count": "2",
        "title_fi": values.title["fi"],
        "title_sv": values.title["sv"],
        "title_en": values.title["en"],
        "sources": values.sources,
        "reviewed": values.reviewed,
        "related": values.related,
        **{f"examples_{code}": values.examples[code] for code in ("fi", "sv", "en")},
    }
    for i, variant in enumerate(values.variants):
        posted[f"v{i}_valid_from"] = variant.valid_from
        posted[f"v{i}_valid_until"] = variant.valid_until
        for code, text in variant.answer.items():
            posted[f"v{i}_answer_{code}"] = text
    back = forms.to_document(forms.from_form(posted, topic="alpha"))
    assert back == {**document, "unverified": False}


def test_a_removed_variant_and_empty_fields() -> None:
    posted = {"variant_count": "2", "v0_remove": "1", "v1_answer_fi": " Vastaus ", "reviewed": ""}
    document = forms.to_document(forms.from_form(posted, topic="alpha"))
    assert document["variants"] == [{"answer": {"fi": "Vastaus", "sv": "", "en": ""}}]
    assert "reviewed" not in document  # the schema then says it is missing
    many = forms.from_form({"variant_count": "9999"})
    assert len(many.variants) == forms.MAX_VARIANTS


def test_lines_drop_empty_lines_and_the_files_dashes() -> None:
    assert forms.lines("- yksi\n\n  kaksi  \n-\n") == ["yksi", "kaksi"]


def posted_form(values: forms.TopicForm) -> dict[str, str]:
    """The fields a browser posts for the form as shown (nothing changed)."""
    data = {
        "variant_count": str(len(values.variants)),
        "sources": values.sources,
        "reviewed": values.reviewed,
        "related": values.related,
        **({"unverified": "1"} if values.unverified else {}),
    }
    for code in LANGUAGES:
        data[f"title_{code}"] = values.title[code]
        data[f"examples_{code}"] = values.examples[code]
    for i, variant in enumerate(values.variants):
        data[f"v{i}_valid_from"] = variant.valid_from
        data[f"v{i}_valid_until"] = variant.valid_until
        for code in LANGUAGES:
            data[f"v{i}_answer_{code}"] = variant.answer[code]
    return data


def test_the_form_changes_nothing_of_the_real_topics() -> None:
    """Every topic of data/faq/, shown and posted back unchanged, is the same document: a
    save from the form changes only what the editor changed."""
    for name, parsed in load_topics(REPO_ROOT / "data" / "faq").items():
        document = document_of(parsed)
        values = forms.from_document(document)
        assert forms.to_document(forms.from_form(posted_form(values), topic=name)) == document
