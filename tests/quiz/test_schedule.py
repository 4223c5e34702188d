"""Daily post times in a guild's zone, across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from bot.quiz.schedule import ScheduleError, due_date, next_post_time, parse_time, parse_zone, post_moment

NEW_YORK = parse_zone("America/New_York")
PARIS = parse_zone("Europe/Paris")


def test_post_time_follows_local_time_across_dst() -> None:
    before = next_post_time(datetime(2026, 3, 7, 15, 0, tzinfo=UTC), time(9, 0), NEW_YORK)
    after = next_post_time(before, time(9, 0), NEW_YORK)
    assert before == datetime(2026, 3, 8, 13, 0, tzinfo=UTC)  # 09:00 EDT on the change day
    assert after == datetime(2026, 3, 9, 13, 0, tzinfo=UTC)
    assert next_post_time(datetime(2026, 10, 24, 6, 0, tzinfo=UTC), time(9, 0), PARIS) == datetime(2026, 10, 24, 7, 0, tzinfo=UTC)
    assert next_post_time(datetime(2026, 10, 24, 12, 0, tzinfo=UTC), time(9, 0), PARIS) == datetime(2026, 10, 25, 8, 0, tzinfo=UTC)


def test_skipped_and_repeated_wall_times() -> None:
    assert post_moment(date(2026, 3, 8), time(2, 30), NEW_YORK) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)  # becomes 03:30 EDT
    assert post_moment(date(2026, 11, 1), time(1, 30), NEW_YORK) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # first 01:30


def test_due_date_allows_catch_up_until_local_midnight() -> None:
    at = time(9, 0)
    assert due_date(datetime(2026, 11, 2, 13, 59, tzinfo=UTC), at, NEW_YORK) is None
    assert due_date(datetime(2026, 11, 2, 14, 0, tzinfo=UTC), at, NEW_YORK) == date(2026, 11, 2)
    assert due_date(datetime(2026, 11, 3, 4, 59, tzinfo=UTC), at, NEW_YORK) == date(2026, 11, 2)  # 23:59 local
    assert due_date(datetime(2026, 11, 3, 5, 0, tzinfo=UTC), at, NEW_YORK) is None  # a new local day, before 09:00


@pytest.mark.parametrize("text", ["9", "25:00", "09:60", "nine", ""])
def test_bad_times_are_refused_with_a_hint(text: str) -> None:
    with pytest.raises(ScheduleError, match="HH:MM"):
        parse_time(text)


@pytest.mark.parametrize("name", ["Mars/Olympus", "EST5", "", "../../etc/passwd"])
def test_bad_zones_are_refused(name: str) -> None:
    with pytest.raises(ScheduleError):
        parse_zone(name)
