"""Time: the API's clock and the time zone people read times in.

The app is given a `Clock` (the system's by default); code that needs the time takes it from
there, so that tests move time by hand instead of sleeping or patching.
"""

from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

FINLAND = ZoneInfo("Europe/Helsinki")


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


def in_finland(moment: datetime) -> datetime:
    """An appointment time as people there read it (ISO 8601 with the +02:00/+03:00 offset)."""
    return moment.astimezone(FINLAND)


def today_in_finland(moment: datetime) -> date:
    return in_finland(moment).date()


def week_start_in_finland(moment: datetime) -> date:
    """The Monday of the ISO week of `moment` in Finland: the only time an anonymous answer
    keeps (finer times could tie it to a conversation)."""
    day = today_in_finland(moment)
    return day - timedelta(days=day.weekday())
