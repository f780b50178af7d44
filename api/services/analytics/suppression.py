"""Small-group protection: which published figures are hidden.

Primary suppression hides every count of 1 to `min_group - 1` answers. Secondary suppression
then hides more, so that no hidden figure can be recomputed from the shown ones:

- a figure whose total is hidden is hidden too (a week of 3 answers hides its yes/partly/no);
- wherever a shown total is split into parts (the answers by step, by week, a week's
  outcomes...), the hidden parts are none, or at least two that together hold at least
  `min_group` answers, so that neither the single part nor the hidden parts together are a
  small group. The smallest shown non-zero part is hidden until that holds;
- figures that overlap in two directions (the weeks' outcomes: rows and columns) are audited
  exactly: a hidden figure is recomputable if and only if its set of answers is a linear
  combination of the shown figures' sets. Any such figure gets another part hidden.

Zero counts are shown: that nobody answered says nothing about anyone. A zero inside a
hidden total is hidden with it, but it needs no protection of its own (that a week without
answers had no "no" answers tells nothing), so the rules and the audit protect the non-zero
hidden figures.
"""

from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

Key = Hashable


@dataclass(frozen=True)
class Partition:
    """A `total` that its `parts` add up to exactly."""

    total: Key
    parts: tuple[Key, ...]


def protect(
    values: Mapping[Key, int],
    partitions: Sequence[Partition],
    min_group: int,
    *,
    hidden: Collection[Key] = (),
    atoms: Mapping[Key, frozenset[Hashable]] | None = None,
) -> frozenset[Key]:
    """The keys of `values` to hide (`hidden`: keys hidden already, for another reason).

    `atoms` gives, for the figures that overlap in more than one way, the smallest cells
    each one adds up; those figures are audited exactly (see the module's docstring).
    """
    result = set(hidden) | {key for key, value in values.items() if 0 < value < min_group}
    while True:
        before = len(result)
        _hide_parts_of_hidden_totals(partitions, result)
        for partition in partitions:
            _protect_partition(partition, values, min_group, result)
        if len(result) == before and atoms:
            for key in _recomputable(values, atoms, result):
                _hide_a_neighbour(key, partitions, values, atoms, result)
                break
        if len(result) == before:
            return frozenset(result)


def _hide_parts_of_hidden_totals(partitions: Sequence[Partition], hidden: set[Key]) -> None:
    changed = True
    while changed:
        changed = False
        for partition in partitions:
            if partition.total in hidden and not hidden.issuperset(partition.parts):
                hidden.update(partition.parts)
                changed = True


def _protect_partition(
    partition: Partition, values: Mapping[Key, int], min_group: int, hidden: set[Key]
) -> None:
    if partition.total in hidden:
        return
    while True:
        hidden_parts = [part for part in partition.parts if part in hidden and values[part] > 0]
        if not hidden_parts:
            return
        held = sum(values[part] for part in hidden_parts)
        if len(hidden_parts) >= 2 and held >= min_group:
            return
        shown = [part for part in partition.parts if part not in hidden and values[part] > 0]
        if not shown:
            # Nothing left to hide among the parts: the total would tell the hidden ones.
            hidden.add(partition.total)
            hidden.update(partition.parts)
            return
        hidden.add(min(shown, key=lambda part: (values[part], str(part))))


def _recomputable(
    values: Mapping[Key, int], atoms: Mapping[Key, frozenset[Hashable]], hidden: set[Key]
) -> list[Key]:
    """The hidden figures (among those with atoms) that the shown ones determine."""
    audited = [key for key in atoms if key in values]
    secret = [key for key in audited if key in hidden and values[key] > 0]
    if not secret:
        return []
    cells = sorted({cell for key in audited for cell in atoms[key]}, key=str)
    column = {cell: index for index, cell in enumerate(cells)}

    def vector(key: Key) -> np.ndarray:
        row = np.zeros(len(cells))
        row[[column[cell] for cell in atoms[key]]] = 1.0
        return row

    shown = [vector(key) for key in audited if key not in hidden]
    if not shown:
        return []
    # An orthonormal basis of what the shown figures span; a hidden figure is determined if
    # its vector lies in that span (nothing left after projecting onto the basis).
    _, singular, basis = np.linalg.svd(np.array(shown), full_matrices=False)
    basis = basis[singular > 1e-9 * max(1.0, float(singular[0]))]
    found = []
    for key in secret:
        target = vector(key)
        residual = target - basis.T @ (basis @ target)
        if float(np.linalg.norm(residual)) < 1e-6:
            found.append(key)
    return found


def _hide_a_neighbour(
    key: Key,
    partitions: Sequence[Partition],
    values: Mapping[Key, int],
    atoms: Mapping[Key, frozenset[Hashable]],
    hidden: set[Key],
) -> None:
    """Hide the smallest shown non-zero figure next to `key`: a sibling in a partition with a
    shown total, else a part of it, else any figure that shares answers with it."""
    for candidates in (
        [p.parts for p in partitions if key in p.parts and p.total not in hidden],
        [p.parts for p in partitions if p.total == key],
        [tuple(other for other in atoms if atoms[other] & atoms[key])],
    ):
        shown = [
            part
            for parts in candidates
            for part in parts
            if part != key and part not in hidden and values[part] > 0
        ]
        if shown:
            hidden.add(min(shown, key=lambda part: (values[part], str(part))))
            return
    hidden.update(values)  # nothing else can hide it: hide everything rather than tell
