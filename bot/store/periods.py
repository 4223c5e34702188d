"""Leaderboard periods, keyed by the guild's local calendar (weeks start on Monday)."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum


class Period(StrEnum):
    ALL = "all"
    WEEK = "week"
    MONTH = "month"


def period_key(period: Period, local_date: date) -> str:
    """The standings key of the period that contains `local_date` (the schema's migration 2 mirrors this)."""
    if period is Period.ALL:
        return "all"
    if period is Period.WEEK:
        return f"week:{(local_date - timedelta(days=local_date.weekday())).isoformat()}"
    return f"month:{local_date.isoformat()[:7]}"


def standing_keys(local_date: date, domain: str) -> list[tuple[str, str]]:
    """The (period, domain) rows one answer adds to: every period for all domains, all time for its own domain."""
    return [*((period_key(period, local_date), "") for period in Period), ("all", domain)]
