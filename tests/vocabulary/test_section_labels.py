from typing import get_args

from vocabulary.languages import LANGUAGES
from vocabulary.meetings import Section
from vocabulary.section_labels import SECTION_LABELS


def test_every_section_is_named_in_every_language() -> None:
    assert set(SECTION_LABELS) == set(LANGUAGES)
    for labels in SECTION_LABELS.values():
        assert list(labels) == list(get_args(Section))
        assert all(label.strip() for label in labels.values())
