"""Drivers as bit masks: bit i is vocabulary.service_steps.DRIVERS[i] (how pulse_answers keeps
"what went well" and "what should be better", so that they aggregate in one pass)."""

from collections.abc import Iterable

from vocabulary.service_steps import DRIVERS, Driver


def to_mask(drivers: Iterable[Driver]) -> int:
    mask = 0
    for driver in drivers:
        mask |= 1 << DRIVERS.index(driver)
    return mask


def from_mask(mask: int) -> list[Driver]:
    """The drivers of a mask, in DRIVERS' order."""
    return [driver for bit, driver in enumerate(DRIVERS) if mask & (1 << bit)]
