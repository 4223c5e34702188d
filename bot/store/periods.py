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


def standing_keys(local_date: date, domain: str, exam: str) -> list[tuple[str, str]]:
    """The (period, scope) boards one answer adds to: every period of its exam's board for all domains (named by the
    exam), and all time for its own domain."""
    return [*((period_key(period, local_date), exam) for period in Period), ("all", domain)]
