"""Spaced repetition through the fsrs package: one card per learner per question, rated by result and speed."""

from __future__ import annotations

from datetime import datetime

from fsrs import Card, Rating, Scheduler

FAST_SECONDS = 20
SLOW_SECONDS = 90
_SCHEDULER = Scheduler(enable_fuzzing=False)


def rating(correct: bool, seconds: float | None) -> Rating:
    """Wrong is Again; right is Easy when quick, Hard when slow, Good otherwise."""
    if not correct:
        return Rating.Again
    if seconds is not None and seconds <= FAST_SECONDS:
        return Rating.Easy
    if seconds is not None and seconds >= SLOW_SECONDS:
        return Rating.Hard
    return Rating.Good


def review(state: str | None, correct: bool, seconds: float | None, now: datetime) -> tuple[datetime, str]:
    """The card's next due time and its new serialised state."""
    card = Card.from_json(state) if state else Card(card_id=1, due=now)
    card, _ = _SCHEDULER.review_card(card, rating(correct, seconds), review_datetime=now)
    return card.due, card.to_json()
