"""Sets of vocabulary values as bit masks: bit i stands for `values[i]` (THEMES, LANGUAGES),
so that "any of these interests" and the counts per interest are one query each."""

from collections.abc import Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")


def to_mask(chosen: Iterable[T], values: Sequence[T]) -> int:
    """The mask of the chosen values (each must be one of `values`)."""
    mask = 0
    for value in chosen:
        mask |= 1 << values.index(value)
    return mask


def from_mask(mask: int, values: Sequence[T]) -> list[T]:
    """The values whose bits are set, in the order of `values`."""
    return [value for i, value in enumerate(values) if mask & (1 << i)]
