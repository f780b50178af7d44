"""Time: the API's clock and the time zone people read times in."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

FINLAND = ZoneInfo("Europe/Helsinki")


def now_utc() -> datetime:
    return datetime.now(UTC)


def in_finland(moment: datetime) -> datetime:
    """An appointment time as people there read it (ISO 8601 with the +02:00/+03:00 offset)."""
    return moment.astimezone(FINLAND)
