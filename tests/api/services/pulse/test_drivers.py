"""Drivers as bit masks over vocabulary.service_steps.DRIVERS."""

from api.services.pulse.drivers import from_mask, to_mask
from vocabulary.service_steps import DRIVERS


def test_bit_i_is_the_ith_driver() -> None:
    assert to_mask([]) == 0
    assert to_mask(["clear_information"]) == 1
    assert to_mask(["easy_to_do", "staff"]) == 0b10010
    assert to_mask(["quick", "quick"]) == 0b100


def test_masks_go_back_to_drivers_in_order() -> None:
    assert from_mask(to_mask(["other", "clear_information"])) == ["clear_information", "other"]
    assert from_mask(to_mask(DRIVERS)) == list(DRIVERS)
    assert from_mask(0) == []
