"""How the meeting preparation shows a meeting to the client: its time and the read-back."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

# The six parts of the advisor's summary, in the order the form asks them.
SECTIONS = ("situation", "topics", "goals", "concerns", "proposals", "questions")
SKIPPED = "-"  # slot value of a question the client skipped: nothing is stored for it
HELSINKI = ZoneInfo("Europe/Helsinki")

_WEEKDAYS = {
    "fi": ("ma", "ti", "ke", "to", "pe", "la", "su"),
    "sv": ("mån", "tis", "ons", "tors", "fre", "lör", "sön"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LABELS = {
    "fi": ("Tilanne", "Aiheet", "Tavoitteet", "Huolet", "Ehdotukset", "Kysymykset", "ohitettu"),
    "sv": ("Läget", "Ämnen", "Mål", "Oro", "Förslag", "Frågor", "överhoppad"),
    "en": ("Situation", "Topics", "Aims", "Worries", "Proposals", "Questions", "skipped"),
}


def meeting_time(starts_at: str, language: str) -> str:
    """'ma 16.2.2026 klo 10.00' / 'mån 16.2.2026 kl. 10.00' / 'on Mon 16 Feb 2026 at 10:00',
    in Finnish time whatever the server's zone."""
    at = datetime.fromisoformat(starts_at).astimezone(HELSINKI)
    day = _WEEKDAYS.get(language, _WEEKDAYS["fi"])[at.weekday()]
    if language == "en":
        return f"on {day} {at.day} {_MONTHS_EN[at.month - 1]} {at.year} at {at:%H:%M}"
    if language == "sv":
        return f"{day} {at.day}.{at.month}.{at.year} kl. {at:%H.%M}"
    return f"{day} {at.day}.{at.month}.{at.year} klo {at:%H.%M}"


def joined(answers: list[dict[str, Any]]) -> str | None:
    """A section's stored answers (already redacted by the API) as one text, or None."""
    texts = [str(answer["text"]) for answer in answers]
    return " / ".join(texts) if texts else None


def read_back(meeting: dict[str, Any], language: str) -> str:
    """One line per question: the client's own (redacted) words, or that they skipped it."""
    *labels, skipped = _LABELS.get(language, _LABELS["fi"])
    answers = meeting.get("answers") or {}
    lines = []
    for label, section in zip(labels, SECTIONS, strict=True):
        text = joined(answers.get(section) or [])
        lines.append(f"• {label}: {text if text else f'({skipped})'}")
    return "\n".join(lines)
