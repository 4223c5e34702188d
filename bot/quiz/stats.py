"""A learner's progress: accuracy per exam domain beside its weight, streaks, weakest entries, readiness."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.deck import DeckInfo
from bot.quiz.courses import Courses
from bot.quiz.exam import ExamService
from bot.quiz.exam_screens import ExamSummary
from bot.quiz.practice import PracticeService
from bot.store.learners import Streaks
from bot.store.records import Tally
from bot.store.store import Store

READINESS_MIN_ANSWERS = 30
READINESS_MIN_PER_DOMAIN = 3


@dataclass(frozen=True)
class DomainStat:
    domain: str
    title: str
    weight: int
    answered: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answered if self.answered else None


@dataclass(frozen=True)
class WeakEntry:
    id: str
    name: str


@dataclass(frozen=True)
class LearnerStats:
    answered: int
    correct: int
    domains: list[DomainStat]
    streaks: Streaks
    weakest: list[WeakEntry]
    readiness: float | None
    readiness_note: str
    last_exam: ExamSummary | None = None
    exam: str = ""  # the exam's code, "MLA-C01"

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answered if self.answered else None


def readiness(domains: list[DomainStat]) -> tuple[float | None, str]:
    """Accuracy weighted by the exam's domain weights, once there is enough to go on."""
    answered = sum(stat.answered for stat in domains)
    thin = [stat.title for stat in domains if stat.answered < READINESS_MIN_PER_DOMAIN]
    if answered < READINESS_MIN_ANSWERS or thin:
        needs = []
        if answered < READINESS_MIN_ANSWERS:
            needs.append(f"{READINESS_MIN_ANSWERS - answered} more answers")
        if thin:
            needs.append(f"at least {READINESS_MIN_PER_DOMAIN} in {', '.join(thin)}")
        return None, f"not enough data yet ({answered} answer{'' if answered == 1 else 's'}): needs {' and '.join(needs)}"
    total_weight = sum(stat.weight for stat in domains)
    score = sum(stat.weight * (stat.accuracy or 0.0) for stat in domains) / total_weight
    return score, f"based on {answered} answers"


class StatsService:
    def __init__(self, courses: Courses, store: Store, practice: PracticeService, exam: ExamService) -> None:
        self.courses, self.store, self.practice, self.exam = courses, store, practice, exam

    async def learner(self, user_id: int, guild_id: int | None = None, exam: str | None = None) -> LearnerStats:
        """Everything about a learner in one exam, for the learner alone: daily answers everywhere, practice, mock exams,
        weak spots, readiness. Each exam has its own domains, so its questions are counted apart from the other's."""
        kb = self.courses.get(exam).kb
        domains = self._domains(kb.info, await self.store.learners.domain_tallies(user_id))
        weak_ids = await self.practice.weakest_entries(user_id, kb.info.id, 5)
        weakest = [WeakEntry(entry_id, kb.entries[entry_id].name) for entry_id in weak_ids]
        score, note = readiness(domains)
        exams = await self.exam.history(user_id, 1, kb.info.id) if kb.info.format else []
        return LearnerStats(
            exam=kb.info.code, domains=domains,
            answered=sum(stat.answered for stat in domains), correct=sum(stat.correct for stat in domains),
            streaks=await self.store.learners.streaks(user_id, guild_id), weakest=weakest, readiness=score, readiness_note=note,
            last_exam=exams[0] if exams else None,
        )

    async def daily_results(self, user_id: int, guild_id: int, exam: str | None = None) -> LearnerStats:
        """What any member of the guild may see of a learner: their daily answers there in one exam, as its leaderboards
        show them. No practice, no other guild, no weak spots or readiness."""
        info = self.courses.get(exam).kb.info
        domains = self._domains(info, await self.store.learners.daily_tallies(user_id, guild_id))
        return LearnerStats(
            exam=info.code, domains=domains,
            answered=sum(stat.answered for stat in domains), correct=sum(stat.correct for stat in domains),
            streaks=await self.store.learners.streaks(user_id, guild_id), weakest=[], readiness=None, readiness_note="",
        )

    @staticmethod
    def _domains(info: DeckInfo, tallies: list[Tally]) -> list[DomainStat]:
        by_domain = {tally.key: tally for tally in tallies}
        return [
            DomainStat(domain, info.title(domain), weight, by_domain[domain].answered if domain in by_domain else 0,
                       by_domain[domain].correct if domain in by_domain else 0)
            for domain, weight in info.weights.items()
        ]
