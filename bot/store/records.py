"""Plain records the store hands out; no SQL or Discord types leak past it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class GuildSettings:
    guild_id: int
    channel_id: int | None
    post_time: str
    timezone: str
    role_id: int | None
    open_hours: int
    paused: bool


@dataclass(frozen=True)
class DailyPost:
    post_id: int
    guild_id: int
    local_date: date
    question_id: str
    domain: str
    channel_id: int | None
    message_id: int | None
    posted_at: datetime
    closes_at: datetime
    revealed: bool


@dataclass(frozen=True)
class AnswerOutcome:
    """What became of one daily answer: recorded now, or refused with the answer already on record."""

    recorded: bool
    choice: str
    correct: bool
    points: int
    streak: int
    closed: bool = False


@dataclass(frozen=True)
class Standing:
    rank: int
    user_id: int
    display_name: str
    points: int
    answered: int
    correct: int
    streak: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


@dataclass(frozen=True)
class Leaderboard:
    period_key: str
    domain: str
    total: int
    rows: list[Standing]
    caller: Standing | None


@dataclass(frozen=True)
class Tally:
    """Right and total answers for one bucket (a domain, a question)."""

    key: str
    answered: int
    correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0
