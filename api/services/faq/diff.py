"""What changed between two versions of a topic, field by field, in the editor's terms:
a title, an answer of one variant in one language, the examples added and removed."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from vocabulary.languages import LANGUAGES

SCALARS = ("reviewed", "unverified")
LISTS = ("sources", "related")


@dataclass(frozen=True)
class Change:
    """One change: `where` in the document, the value `before` and `after` (None: not
    there), or for lists of examples, sources and related topics what was added and removed."""

    where: str
    before: Any = None
    after: Any = None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _listed(where: str, before: list[str], after: list[str]) -> list[Change]:
    old, new = Counter(before), Counter(after)
    added, removed = list((new - old).elements()), list((old - new).elements())
    if added or removed:
        return [Change(where, added=added, removed=removed)]
    if before != after:
        return [Change(where, before=before, after=after)]  # the same ones, reordered
    return []


def _variant(index: int, before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    found = []
    for key in ("valid_from", "valid_until"):
        if before.get(key) != after.get(key):
            found.append(Change(f"variants[{index}].{key}", before.get(key), after.get(key)))
    for language in LANGUAGES:
        old, new = before["answer"][language], after["answer"][language]
        if old != new:
            found.append(Change(f"variants[{index}].answer.{language}", old, new))
    return found


def changes(
    before: dict[str, Any],
    after: dict[str, Any],
    *,
    retired_before: bool = False,
    retired_after: bool = False,
) -> list[Change]:
    """Every change from the document `before` to `after` (documents of one topic)."""
    found = []
    if retired_before != retired_after:
        found.append(Change("retired", retired_before, retired_after))
    for language in LANGUAGES:
        if before["title"][language] != after["title"][language]:
            found.append(
                Change(f"title.{language}", before["title"][language], after["title"][language])
            )
    for key in LISTS:
        found += _listed(key, before.get(key, []), after.get(key, []))
    for key in SCALARS:
        if before.get(key) != after.get(key):
            found.append(Change(key, before.get(key), after.get(key)))
    old_variants, new_variants = before["variants"], after["variants"]
    for index in range(max(len(old_variants), len(new_variants))):
        if index >= len(new_variants):
            found.append(Change(f"variants[{index}]", before=old_variants[index]))
        elif index >= len(old_variants):
            found.append(Change(f"variants[{index}]", after=new_variants[index]))
        else:
            found += _variant(index, old_variants[index], new_variants[index])
    for language in LANGUAGES:
        found += _listed(
            f"examples.{language}", before["examples"][language], after["examples"][language]
        )
    return found


def file_diff(before: str, after: str, before_name: str, after_name: str) -> str:
    """The topic files' unified diff, as git would show the publish."""
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=before_name,
            tofile=after_name,
        )
    )
