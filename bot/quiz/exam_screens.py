"""What a learner sees of a mock exam: a question screen, the review before submitting, the result with every
question explained, and past attempts. Plain records the service fills and every adapter renders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.quiz.views import QuestionView


@dataclass(frozen=True)
class ExamScreen:
    """One question of an open exam, with where the learner stands."""

    exam_id: int
    position: int  # 1-based
    total: int
    view: QuestionView
    chosen: str
    flagged: bool
    answered: int
    deadline: datetime
    time_left: timedelta
    exam: str = ""  # the exam's code, "MLA-C01"


@dataclass(frozen=True)
class ExamOverview:
    """The review screen before submitting: positions (1-based) answered, unanswered and flagged."""

    exam_id: int
    total: int
    unanswered: list[int]
    flagged: list[int]
    deadline: datetime
    time_left: timedelta

    @property
    def answered(self) -> int:
        return self.total - len(self.unanswered)


@dataclass(frozen=True)
class DomainScore:
    domain: str
    title: str
    weight: int
    asked: int
    correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.asked if self.asked else 0.0


@dataclass(frozen=True)
class ItemReview:
    position: int
    view: QuestionView
    chosen: str
    right: str
    correct: bool
    explanation: str
    rationales: list[tuple[str, str]]  # (letter, why it is wrong) for every wrong option


@dataclass(frozen=True)
class ExamResult:
    exam_id: int
    state: str  # "submitted", or "expired" when the clock submitted it
    correct: int
    total: int
    domains: list[DomainScore]
    time_used: timedelta
    estimate: int
    scale: tuple[int, int]
    passing: int
    items: list[ItemReview]
    exam: str = ""  # the exam's code, "MLA-C01"
    unscored: int = 0  # how many of the real exam's questions AWS does not score

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def passed(self) -> bool:
        return self.estimate >= self.passing


@dataclass(frozen=True)
class ExamSummary:
    """One past attempt, for the history and for stats."""

    exam_id: int
    started_at: datetime
    state: str
    correct: int
    total: int
    estimate: int
    time_used: timedelta
    exam: str = ""  # the exam's code, "MLA-C01"

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


Shown = ExamScreen | ExamResult
