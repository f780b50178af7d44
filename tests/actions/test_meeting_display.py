"""How a meeting's time and the read-back look in each language."""

import pytest

from actions.meeting_display import SKIPPED, meeting_time, read_back
from vocabulary.languages import LANGUAGES
from vocabulary.meetings import SECTIONS


@pytest.mark.parametrize(
    ("starts_at", "language", "shown"),
    [
        # 23:30 UTC on Saturday is already Sunday in Helsinki (UTC+2 in winter).
        ("2026-02-14T23:30:00+00:00", "fi", "su 15.2.2026 klo 01.30"),
        ("2026-02-16T08:00:00+00:00", "fi", "ma 16.2.2026 klo 10.00"),
        ("2026-02-16T08:00:00+00:00", "sv", "mån 16.2.2026 kl. 10.00"),
        ("2026-02-16T08:00:00+00:00", "en", "on Mon 16 Feb 2026 at 10:00"),
        # Summer time (UTC+3); British English abbreviates September "Sept".
        ("2026-09-17T07:00:00+00:00", "fi", "to 17.9.2026 klo 10.00"),
        ("2026-09-17T07:00:00+00:00", "sv", "tors 17.9.2026 kl. 10.00"),
        ("2026-09-17T07:00:00+00:00", "en", "on Thu 17 Sept 2026 at 10:00"),
        ("2026-02-16T08:00:00+00:00", "de", "ma 16.2.2026 klo 10.00"),  # unknown: Finnish
    ],
)
def test_meeting_time_is_finnish_time_in_each_language(
    starts_at: str, language: str, shown: str
) -> None:
    assert meeting_time(starts_at, language) == shown


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_read_back_has_a_line_per_section_in_each_language(language: str) -> None:
    meeting = {"answers": {"goals": [{"text": "A"}, {"text": "B"}]}}
    lines = read_back(meeting, language).splitlines()
    assert len(lines) == len(SECTIONS)
    assert lines[SECTIONS.index("goals")].endswith(": A / B")
    assert all(line.startswith("• ") for line in lines)


def test_a_skipped_question_is_stored_as_nothing() -> None:
    assert SKIPPED == "-"
