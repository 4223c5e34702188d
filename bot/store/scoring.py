"""The scoring rules, in one place: what a daily answer is worth and how streaks grow."""

from __future__ import annotations

POINTS_FOR_RIGHT = 10
STREAK_BONUS_PER_DAY = 1
STREAK_BONUS_CAP = 10


def next_streak(previous: int, correct: bool) -> int:
    """Streak after this answer: consecutive right answers to a guild's daily posts, without gaps."""
    return previous + 1 if correct else 0


def points_for(correct: bool, streak: int) -> int:
    """A right answer earns the base points plus one per earlier day of the streak, capped."""
    if not correct:
        return 0
    return POINTS_FOR_RIGHT + min((streak - 1) * STREAK_BONUS_PER_DAY, STREAK_BONUS_CAP)
