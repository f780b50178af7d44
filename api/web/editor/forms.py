"""The topic form: a topic's document as the form's fields and back, and each finding's place
in the document (`variants[1].answer.sv`) as the field it is about (`v1_answer_sv`).

No scripts: adding a dated variant is a submit button that shows the form again with one
more variant (nothing is saved until "Save"); a variant is removed with its checkbox.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from api.services.faq.content import Finding
from vocabulary.languages import LANGUAGES

# A topic has a handful of dated variants at most; a form claiming more is not ours.
MAX_VARIANTS = 20


@dataclass
class VariantForm:
    valid_from: str = ""
    valid_until: str = ""
    answer: dict[str, str] = field(default_factory=lambda: dict.fromkeys(LANGUAGES, ""))


@dataclass
class TopicForm:
    """The form's values, as the editor typed them (lists one item per line)."""

    topic: str = ""
    title: dict[str, str] = field(default_factory=lambda: dict.fromkeys(LANGUAGES, ""))
    sources: str = ""
    reviewed: str = ""
    unverified: bool = False
    related: str = ""
    variants: list[VariantForm] = field(default_factory=lambda: [VariantForm()])
    examples: dict[str, str] = field(default_factory=lambda: dict.fromkeys(LANGUAGES, ""))


def lines(text: str) -> list[str]:
    """One item per line, empty lines and a leading "- " (as in the files) left out."""
    items = []
    for line in text.splitlines():
        item = line.strip()
        if item == "-" or item.startswith("- "):
            item = item[1:].strip()
        if item:
            items.append(item)
    return items


def from_document(document: Mapping[str, Any]) -> TopicForm:
    return TopicForm(
        topic=str(document.get("topic", "")),
        title={code: str(document["title"].get(code, "")) for code in LANGUAGES},
        sources="\n".join(document.get("sources", [])),
        reviewed=str(document.get("reviewed", "")),
        unverified=bool(document.get("unverified", False)),
        related="\n".join(document.get("related", [])),
        variants=[
            VariantForm(
                valid_from=str(variant.get("valid_from") or ""),
                valid_until=str(variant.get("valid_until") or ""),
                answer={code: str(variant["answer"].get(code, "")) for code in LANGUAGES},
            )
            for variant in document.get("variants", [])
        ]
        or [VariantForm()],
        examples={code: "\n".join(document["examples"].get(code, [])) for code in LANGUAGES},
    )


def _text(form: Mapping[str, Any], name: str) -> str:
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


def from_form(form: Mapping[str, Any], *, topic: str | None = None) -> TopicForm:
    """The posted fields (a variant whose "remove" box is ticked left out); `topic` is the
    path's topic when editing one (its id cannot change)."""
    count = _text(form, "variant_count")
    total = min(int(count), MAX_VARIANTS) if count.isdigit() else 1
    variants = [
        VariantForm(
            valid_from=_text(form, f"v{i}_valid_from").strip(),
            valid_until=_text(form, f"v{i}_valid_until").strip(),
            answer={code: _text(form, f"v{i}_answer_{code}").strip() for code in LANGUAGES},
        )
        for i in range(total)
        if not _text(form, f"v{i}_remove")
    ]
    return TopicForm(
        topic=topic if topic is not None else _text(form, "topic").strip(),
        title={code: _text(form, f"title_{code}").strip() for code in LANGUAGES},
        sources=_text(form, "sources"),
        reviewed=_text(form, "reviewed").strip(),
        unverified=bool(_text(form, "unverified")),
        related=_text(form, "related"),
        variants=variants,
        examples={code: _text(form, f"examples_{code}") for code in LANGUAGES},
    )


def to_document(values: TopicForm) -> dict[str, Any]:
    """The document the store validates; an empty field is left out or empty, so that the
    schema's findings say what is missing."""
    document: dict[str, Any] = {
        "topic": values.topic,
        "title": dict(values.title),
        "sources": lines(values.sources),
        "unverified": values.unverified,
        "related": lines(values.related),
        "variants": [],
        "examples": {code: lines(values.examples[code]) for code in LANGUAGES},
    }
    if values.reviewed:
        document["reviewed"] = values.reviewed
    for variant in values.variants:
        item: dict[str, Any] = {"answer": dict(variant.answer)}
        if variant.valid_from:
            item["valid_from"] = variant.valid_from
        if variant.valid_until:
            item["valid_until"] = variant.valid_until
        document["variants"].append(item)
    return document


PLACE = re.compile(r"^(?P<name>[a-z_]+)(?:\[(?P<index>\d+)\])?(?:\.(?P<rest>.*))?$")


def field_of(where: str) -> str | None:
    """The form field a finding's place is about, or None (the whole topic)."""
    found = PLACE.match(where)
    if found is None:
        return None
    name, index, rest = found.group("name"), found.group("index"), found.group("rest") or ""
    if name in ("title", "examples"):
        language = rest.split("[")[0].split(".")[0]
        return f"{name}_{language}" if language in LANGUAGES else f"{name}_{LANGUAGES[0]}"
    if name in ("topic", "sources", "reviewed", "unverified", "related"):
        return name
    if name == "variants":
        number = index or "0"
        if rest.startswith("answer."):
            language = rest.removeprefix("answer.")
            return f"v{number}_answer_{language if language in LANGUAGES else LANGUAGES[0]}"
        if rest in ("valid_from", "valid_until"):
            return f"v{number}_{rest}"
        return f"v{number}_valid_from" if index else f"v0_answer_{LANGUAGES[0]}"
    return None


def by_field(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """The findings of each field (those about the whole topic under "")."""
    placed: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        placed[field_of(finding.where) or ""].append(finding)
    return dict(placed)
