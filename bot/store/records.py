"""Plain records the store hands out; no SQL or Discord types leak past it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class PauseReason(StrEnum):
    """Why the bot paused a schedule itself (an admin's own /daily pause has no reason)."""

    LEFT_GUILD = "left_guild"  # the bot was removed from the server
    CHANNEL_DELETED = "channel_deleted"
    REFUSED = "refused"  # Discord refused every post for days: missing permissions, or the channel is gone
    UNUSABLE_SCHEDULE = "unusable_schedule"  # the stored time or time zone can no longer be read


@dataclass(frozen=True)
class GuildSettings:
    guild_id: int
    channel_id: int | None
    post_time: str
    timezone: str
    role_id: int | None
    open_hours: int
    paused: bool
    pause_reason: PauseReason | None = None
    paused_since: datetime | None = None
    refused_since: datetime | None = None  # the first refusal of a run that no successful post has ended yet
    exam: str = "mls-c01"  # the exam whose questions the guild is sent

    @property
    def paused_by_bot(self) -> bool:
        return self.paused and self.pause_reason is not None


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
    question: str | None = None  # the question frozen as shown (bot.quiz.snapshot); None for posts made before it was kept
    exam: str = "mls-c01"


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
