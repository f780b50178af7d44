"""The advisor's reminder: its text in the meeting's language and Finnish time, quoting the
phrase that opens the preparation again; refused when there is no chat or it is too late."""

from datetime import UTC, datetime

import pytest

from api.services.meeting_prep.reminders import reminder_text
from vocabulary.languages import LANGUAGES, Language
from vocabulary.meetings import RESUME_PHRASES


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fi",
            "Muistutus: tapaamisesi on ti 17.2. klo 10.00. Voit vielä valmistautua: kirjoita "
            "'valmistaudu tapaamiseen'.",
        ),
        (
            "sv",
            "Påminnelse: ditt möte är tis 17.2. kl. 10.00. Du kan fortfarande förbereda dig: "
            "skriv 'förbered mötet'.",
        ),
        (
            "en",
            "Reminder: your meeting is on Tue 17 Feb at 10:00 (Finnish time). You can still "
            "prepare: write 'prepare my meeting'.",
        ),
    ],
)
def test_the_reminder_is_in_the_meetings_language_and_finnish_time(
    language: str, expected: str
) -> None:
    assert reminder_text(datetime(2026, 2, 17, 8, 0, tzinfo=UTC), language) == expected


def test_summer_time_is_finnish_summer_time() -> None:
    assert "klo 9.05" not in reminder_text(datetime(2026, 6, 1, 6, 5, tzinfo=UTC), "fi")
    assert "ma 1.6. klo 09.05" in reminder_text(datetime(2026, 6, 1, 6, 5, tzinfo=UTC), "fi")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reminder_quotes_the_resume_phrase(language: Language) -> None:
    text = reminder_text(datetime(2026, 2, 17, 8, 0, tzinfo=UTC), language)
    assert f"'{RESUME_PHRASES[language]}'" in text


@pytest.mark.parametrize(
    ("month", "fi", "sv", "en"),
    [(1, "to 1.1.", "tors 1.1.", "Thu 1 Jan"), (10, "to 1.10.", "tors 1.10.", "Thu 1 Oct")],
)
def test_every_weekday_and_month_comes_from_the_locale(
    month: int, fi: str, sv: str, en: str
) -> None:
    moment = datetime(2026, month, 1, 8, 0, tzinfo=UTC)
    assert fi in reminder_text(moment, "fi")
    assert sv in reminder_text(moment, "sv")
    assert en in reminder_text(moment, "en")


def test_an_unknown_language_gets_the_finnish_reminder() -> None:
    assert reminder_text(datetime(2026, 2, 17, 8, 0, tzinfo=UTC), "de").startswith("Muistutus:")
