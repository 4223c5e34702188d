"""When a guild's daily question is due, in its own time zone, across daylight-saving changes."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class ScheduleError(ValueError):
    """A time of day or time zone a guild admin typed that cannot be used."""


def parse_time(text: str) -> time:
    match = _CLOCK.match(text.strip())
    if not match:
        raise ScheduleError(f"'{text}' is not a time of day; use 24-hour HH:MM, e.g. 09:00 or 18:30.")
    return time(int(match.group(1)), int(match.group(2)))


@cache
def timezone_names() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(timezone_names())


def parse_zone(name: str) -> ZoneInfo:
    name = name.strip()
    if name not in _known_zones() and name != "UTC":
        raise ScheduleError(f"'{name}' is not an IANA time zone name; try one like Europe/Paris or America/New_York.")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ScheduleError(f"'{name}' is not a usable time zone.") from error


def local_date(now: datetime, zone: ZoneInfo) -> date:
    return now.astimezone(zone).date()


def post_moment(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of `at` on local `day`.

    zoneinfo's fold=0 rule does the DST work: a wall time skipped by spring-forward lands one jump later,
    and a wall time repeated by fall-back is taken at its first occurrence.
    """
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def next_post_time(now: datetime, at: time, zone: ZoneInfo) -> datetime:
    """The first post instant strictly after `now`."""
    today = local_date(now, zone)
    for offset in range(3):
        moment = post_moment(today + timedelta(days=offset), at, zone)
        if moment > now:
            return moment
    raise AssertionError("unreachable: a post time falls within any three local days")


def due_date(now: datetime, at: time, zone: ZoneInfo) -> date | None:
    """Today's local date once today's post time has passed (catch-up until local midnight), else None."""
    today = local_date(now, zone)
    return today if now >= post_moment(today, at, zone) else None
