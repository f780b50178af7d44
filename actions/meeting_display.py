"""How the meeting preparation shows a meeting to the client: its time and the read-back."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from vocabulary.languages import DEFAULT_LANGUAGE, LOCALES, Language, as_language
from vocabulary.meetings import SECTIONS
from vocabulary.section_labels import SECTION_LABELS

SKIPPED = "-"  # slot value of a question the client skipped: nothing is stored for it
HELSINKI = ZoneInfo("Europe/Helsinki")

# Babel's names of days and months; the order and the words around them are ours.
_TIME_PATTERNS: dict[Language, str] = {
    "fi": "EEE d.M.y 'klo' HH.mm",
    "sv": "EEE d.M.y 'kl.' HH.mm",
    "en": "'on' EEE d MMM y 'at' HH:mm",
}
_SKIPPED_LABELS: dict[Language, str] = {"fi": "ohitettu", "sv": "överhoppad", "en": "skipped"}


def meeting_time(starts_at: str, language: str) -> str:
    """'ma 16.2.2026 klo 10.00' / 'mån 16.2.2026 kl. 10.00' / 'on Mon 16 Feb 2026 at 10:00',
    in Finnish time whatever the server's zone."""
    chosen = as_language(language, DEFAULT_LANGUAGE)
    at = datetime.fromisoformat(starts_at)
    return format_datetime(at, _TIME_PATTERNS[chosen], tzinfo=HELSINKI, locale=LOCALES[chosen])


def joined(answers: list[dict[str, Any]]) -> str | None:
    """A section's stored answers (already redacted by the API) as one text, or None."""
    texts = [str(answer["text"]) for answer in answers]
    return " / ".join(texts) if texts else None


def read_back(meeting: dict[str, Any], language: str) -> str:
    """One line per question: the client's own (redacted) words, or that they skipped it."""
    chosen = as_language(language, DEFAULT_LANGUAGE)
    labels, skipped = SECTION_LABELS[chosen], _SKIPPED_LABELS[chosen]
    answers = meeting.get("answers") or {}
    lines = []
    for section in SECTIONS:
        text = joined(answers.get(section) or [])
        lines.append(f"• {labels[section]}: {text if text else f'({skipped})'}")
    return "\n".join(lines)
