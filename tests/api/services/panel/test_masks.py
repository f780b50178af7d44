"""Sets of vocabulary values as bit masks, both ways."""

from api.services.panel.masks import from_mask, to_mask
from vocabulary.languages import LANGUAGES
from vocabulary.participation import THEMES


def test_a_set_and_its_mask_round_trip_in_the_vocabularys_order() -> None:
    assert to_mask(["training", "digital_services"], THEMES) == 0b101
    assert from_mask(0b101, THEMES) == ["digital_services", "training"]
    assert from_mask(to_mask(THEMES, THEMES), THEMES) == list(THEMES)
    assert from_mask(to_mask(["en"], LANGUAGES), LANGUAGES) == ["en"]


def test_nothing_chosen_is_zero() -> None:
    assert to_mask([], THEMES) == 0
    assert from_mask(0, THEMES) == []
