"""The clock and Finnish time."""

from datetime import UTC, date, datetime

from api.core.clock import SystemClock, in_finland, today_in_finland, week_start_in_finland


def test_the_system_clock_is_timezone_aware() -> None:
    assert SystemClock().now().tzinfo is not None


def test_finnish_time_has_its_offset_winter_and_summer() -> None:
    assert in_finland(datetime(2026, 1, 15, 8, 0, tzinfo=UTC)).isoformat().endswith("+02:00")
    assert in_finland(datetime(2026, 7, 15, 8, 0, tzinfo=UTC)).isoformat().endswith("+03:00")


def test_today_in_finland_turns_before_midnight_utc() -> None:
    assert today_in_finland(datetime(2026, 2, 14, 22, 30, tzinfo=UTC)) == date(2026, 2, 15)


def test_the_week_starts_on_monday_in_finland() -> None:
    # Sunday 2026-12-06 22:30 UTC is already Monday 7 December in Finland.
    assert week_start_in_finland(datetime(2026, 12, 6, 22, 30, tzinfo=UTC)) == date(2026, 12, 7)
    assert week_start_in_finland(datetime(2026, 12, 6, 21, 30, tzinfo=UTC)) == date(2026, 11, 30)
    assert week_start_in_finland(datetime(2026, 12, 1, 8, 0, tzinfo=UTC)) == date(2026, 11, 30)
