"""The stateful features over one store: daily questions, practice, stats, leaderboards, reports, forgetting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.limits import NAME_CHARS, REPORT_REASON_CHARS, shorten
from bot.quiz.clock import Clock
from bot.quiz.courses import Courses
from bot.quiz.daily import DailyService
from bot.quiz.exam import ExamService
from bot.quiz.practice import PracticeError, PracticeService
from bot.quiz.schedule import parse_zone
from bot.quiz.stats import StatsService
from bot.store.periods import Period, period_key
from bot.store.records import Leaderboard
from bot.store.store import Store

LEADERBOARD_PAGE = 10
# A learner may send this many reports an hour: enough for a bad batch of questions, too few to flood the admins.
REPORTS_PER_HOUR = 5


@dataclass(frozen=True)
class LeaderboardPage:
    board: Leaderboard
    period: Period
    domain: str | None
    page: int
    pages: int
    domain_title: str | None = None
    exam_id: str = ""
    exam: str = ""  # the exam's code, "MLA-C01"


class Learning:
    """One set of services over every exam served: each call names its exam (or takes the server's, or the default),
    and each stored post, session and exam is shown with its own exam's deck."""

    def __init__(self, courses: Courses, store: Store, clock: Clock, *, seed: int = 0, open_hours: int = 24) -> None:
        self.courses, self.store, self.clock = courses, store, clock
        self.daily = DailyService(courses, store, clock, seed=seed, open_hours=open_hours)
        self.practice = PracticeService(courses, store, clock)
        self.exam = ExamService(courses, store, clock)
        self.stats = StatsService(courses, store, self.practice, self.exam)

    async def exam_of(self, guild_id: int | None, chosen: str | None = None) -> str:
        """The exam a command is about: the one the learner typed, else the server's (its daily question's), else the
        default. Raises UnknownExam for an exam the bot does not serve."""
        if exam := self.courses.parse(chosen):
            return exam
        settings = await self.store.posts.settings(guild_id) if guild_id is not None else None
        return self.courses.get(settings.exam if settings else None).id

    async def leaderboard(
        self, guild_id: int, period: str = "all", domain: str | None = None, *, caller_id: int | None = None, page: int = 1,
        exam: str | None = None,
    ) -> LeaderboardPage:
        """One page of the server's board for an exam (`exam`: typed by the learner; default, the server's)."""
        try:
            chosen = Period(period[:NAME_CHARS].strip().lower())
        except ValueError:
            raise PracticeError(f"There is no period '{shorten(period)}'; choose all, week or month.") from None
        info = self.courses.get(await self.exam_of(guild_id, exam)).kb.info
        wanted = self.practice.parse_domain(domain, info.id)
        if wanted and chosen is not Period.ALL:
            raise PracticeError("Domain leaderboards are all-time; leave out the period or the domain.")
        settings = await self.store.posts.settings(guild_id)
        today = self.clock.now().astimezone(parse_zone(settings.timezone if settings else "UTC")).date()
        key = period_key(chosen, today)
        page = max(page, 1)
        board = await self.store.standings.leaderboard(
            guild_id, key, wanted or info.id, limit=LEADERBOARD_PAGE, offset=(page - 1) * LEADERBOARD_PAGE, caller_id=caller_id
        )
        pages = max(1, -(-board.total // LEADERBOARD_PAGE))
        return LeaderboardPage(board, chosen, wanted, page, pages, info.title(wanted) if wanted else None, info.id, info.code)

    async def report(self, guild_id: int | None, user_id: int, display_name: str, question_id: str, reason: str) -> int:
        """Store a learner's flag on a question; raises PracticeError for an unknown question, an empty reason, a
        question the learner already reported (and nobody has resolved yet), or one report too many this hour."""
        question_id = question_id[:NAME_CHARS].strip()
        if self.courses.owner(question_id) is None:
            raise PracticeError(f"There is no question '{shorten(question_id)}'; the id is shown under each question.")
        reason = " ".join(reason.split())[:REPORT_REASON_CHARS]
        if not reason:
            raise PracticeError("Say briefly what is wrong with the question.")
        learners = self.store.learners
        if await learners.has_open_report(guild_id, user_id, question_id):
            raise PracticeError(f"You already reported '{question_id}'; your report is waiting for the admins.")
        now = self.clock.now()
        if await learners.reports_since(user_id, now - timedelta(hours=1)) >= REPORTS_PER_HOUR:
            raise PracticeError(f"You have sent {REPORTS_PER_HOUR} reports in the last hour; please wait a while before the next.")
        return await learners.add_report(guild_id, user_id, display_name, question_id, reason, now)

    async def forget(self, user_id: int) -> bool:
        return await self.store.learners.forget(user_id)
