"""The daily question of each guild: setup, status, posting when due (once a local day), answering and closing.

What a pass of the scheduler does with all of it, concurrently and guild by guild, is in `daily_scheduler`; what
happens to a schedule when the bot leaves a guild, a channel is deleted or Discord keeps refusing is in `daily_guilds`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from bot.knowledge.questions import QuestionBase
from bot.quiz.checker import AnswerFormatError, answer_letters, check, parse_choice
from bot.quiz.clock import Clock
from bot.quiz.courses import Course, Courses
from bot.quiz.daily_choice import BALANCE_DAYS, choose_daily
from bot.quiz.daily_guilds import DailyGuilds
from bot.quiz.schedule import ScheduleError, due_date, next_post_time, parse_time, parse_zone
from bot.quiz.snapshot import freeze, thaw
from bot.quiz.views import Feedback, QuestionView, explained, feedback, question_view
from bot.store.answers import AnswerRequest
from bot.store.records import DailyPost, GuildSettings, PauseReason
from bot.store.store import Store

log = logging.getLogger(__name__)

# Which guilds a caller serves (a process of a shard cluster serves its shards' guilds); None serves every guild.
Owns = Callable[[int], bool] | None

WITHDRAWN = "That question is no longer in the question bank (it was withdrawn for a correction), so answers to it do not count."


@dataclass(frozen=True)
class Posting:
    """A post the adapter must publish (and then report its message id)."""

    post: DailyPost
    number: int
    view: QuestionView
    role_id: int | None


@dataclass(frozen=True)
class DailyAnswer:
    """The outcome of a click: feedback, or why nothing was counted."""

    feedback: Feedback | None = None
    already: str | None = None
    closed_answer: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class Reveal:
    """A closed post's closing: the answer, why, and how the guild answered. `view` is None when the question left
    the bank after it was posted: the closing then only says so."""

    post: DailyPost
    number: int
    view: QuestionView | None
    right: str
    explanation: str
    answered: int
    shares: list[tuple[str, int, float]]


@dataclass(frozen=True)
class DailyStatus:
    settings: GuildSettings | None
    next_post_at: datetime | None
    today: DailyPost | None


class DailyService:
    def __init__(self, courses: Courses, store: Store, clock: Clock, *, seed: int = 0, open_hours: int = 24) -> None:
        self.courses, self.store, self.clock = courses, store, clock
        self.seed = seed
        self.default_open_hours = open_hours
        self.guilds = DailyGuilds(store, clock)

    async def setup(
        self, guild_id: int, channel_id: int, at: str, zone: str, role_id: int | None = None, open_hours: int | None = None,
        exam: str | None = None,
    ) -> GuildSettings:
        """Validate and save a guild's schedule; raises ScheduleError with a message for the admin. An admin's pause
        stays; a pause the bot made itself (a deleted channel, refusals) ends, since the schedule is new. The exam stays
        the guild's own unless `exam` names another (raises UnknownExam for one not served): switching keeps every post
        and score, each under its exam."""
        parse_time(at)
        parse_zone(zone)
        hours = open_hours or self.default_open_hours
        if not 1 <= hours <= 72:
            raise ScheduleError("A question can stay open between 1 and 72 hours.")
        current = await self.store.posts.settings(guild_id)
        paused = bool(current and current.paused and not current.paused_by_bot)
        exam = self.courses.get(self.courses.parse(exam) or (current.exam if current else None)).id
        settings = GuildSettings(guild_id, channel_id, at.strip().zfill(5), zone.strip(), role_id, hours, paused, exam=exam)
        await self.store.posts.save_settings(settings)
        return settings

    async def set_paused(self, guild_id: int, paused: bool) -> GuildSettings | None:
        """An admin's pause or resume; resuming also ends a pause the bot made itself."""
        current = await self.store.posts.settings(guild_id)
        if current is None:
            return None
        await self.store.posts.set_pause(guild_id, paused)
        refused_since = current.refused_since if paused else None
        return replace(current, paused=paused, pause_reason=None, paused_since=None, refused_since=refused_since)

    async def status(self, guild_id: int) -> DailyStatus:
        settings = await self.store.posts.settings(guild_id)
        if settings is None or settings.channel_id is None:
            return DailyStatus(settings, None, None)
        now = self.clock.now()
        try:
            zone, at = parse_zone(settings.timezone), parse_time(settings.post_time)
        except ScheduleError:  # a schedule that can no longer be read: the settings say so, nothing is coming
            return DailyStatus(settings, None, await self.store.posts.latest(guild_id))
        today = await self.store.posts.on_date(guild_id, now.astimezone(zone).date())
        if settings.paused:
            upcoming = None
        elif today is None and due_date(now, at, zone) is not None:
            upcoming = now  # today's time has passed with no post yet (paused, set up late, offline): it is due now
        else:
            upcoming = next_post_time(now, at, zone)
        return DailyStatus(settings, upcoming, today)

    # ------------------------------------------------------------------ posting

    async def due_guilds(self, owns: Owns = None) -> list[GuildSettings]:
        """The running schedules (of the guilds the caller `owns`) whose post for today is due and not made yet. A
        schedule that can no longer be read is paused, with the reason shown in its status, instead of holding up
        the others."""
        now = self.clock.now()
        due = []
        for settings, last_date in await self.store.posts.running_schedules():
            if owns is not None and not owns(settings.guild_id):
                continue
            try:
                day = due_date(now, parse_time(settings.post_time), parse_zone(settings.timezone))
            except ScheduleError as error:
                log.warning("daily: guild %s has a schedule that cannot be read (%s); paused until /daily setup", settings.guild_id, error)
                await self.guilds.pause(settings.guild_id, PauseReason.UNUSABLE_SCHEDULE)
                continue
            if day is not None and (last_date is None or last_date < day):
                due.append(settings)
        return due

    async def create_post(self, settings: GuildSettings, day: date | None = None) -> Posting | None:
        """Record the guild's post for its local `day` (today by default); None when that day already has one."""
        now = self.clock.now()
        day = day or now.astimezone(parse_zone(settings.timezone)).date()
        history = await self.store.posts.history(settings.guild_id)
        asked = [question_id for question_id, _, _ in history]
        recent = [domain for _, domain, local_date in history if local_date >= day - timedelta(days=BALANCE_DAYS - 1)]
        course = self.courses.get(settings.exam)
        question = choose_daily(course.bank, course.kb.info.weights, asked, recent, seed=self.seed, guild_id=settings.guild_id)
        post = await self.store.posts.create(
            settings.guild_id, day, question.id, question.domain, settings.channel_id, now, now + timedelta(hours=settings.open_hours),
            question=freeze(question), exam=course.id,
        )
        if post is None:
            return None
        return Posting(post, len(asked) + 1, _view(question, course), settings.role_id)

    async def post_due(self) -> list[Posting]:
        """Create today's post for every guild whose time has come (for adapters that show posts themselves)."""
        postings = []
        for settings in await self.due_guilds():
            if posting := await self.create_post(settings):
                postings.append(posting)
        return postings

    async def post_now(self, guild_id: int) -> Posting | None:
        """Today's post, for an admin who wants it out at once: made now, or today's own if it never reached the
        channel. None when today's is out already or nothing is set up; ScheduleError for an unreadable schedule."""
        settings = await self.store.posts.settings(guild_id)
        if settings is None or settings.channel_id is None:
            return None
        now = self.clock.now()
        day = now.astimezone(parse_zone(settings.timezone)).date()
        existing = await self.store.posts.on_date(guild_id, day)
        if existing is None:
            return await self.create_post(settings, day)
        if existing.message_id is None and not existing.revealed and existing.closes_at > now and self.shown(existing):
            return await self.posting(existing)
        return None

    async def unsent(self, owns: Owns = None) -> list[Posting]:
        """Open posts whose message was never confirmed (refused, or the bot stopped between recording and sending).
        One whose question has left the bank can never be sent: it is closed, with nothing to show."""
        postings = []
        for post in await self.store.posts.unsent(self.clock.now()):
            if owns is not None and not owns(post.guild_id):
                continue
            if self.shown(post) is None:
                log.warning("daily post %s: its question %r left the bank before it was sent", post.post_id, post.question_id)
                await self.closed(post.post_id)
                continue
            postings.append(await self.posting(post))
        return postings

    async def posting(self, post: DailyPost) -> Posting:
        question = self.shown(post)
        if question is None:
            raise LookupError(f"question '{post.question_id}' of post {post.post_id} is no longer in the bank")
        settings = await self.store.posts.settings(post.guild_id)
        view = _view(question, self.courses.get(post.exam))
        return Posting(post, await self.store.posts.number(post), view, settings.role_id if settings else None)

    async def published(self, post_id: int, message_id: int) -> None:
        await self.store.posts.set_message(post_id, message_id)

    async def today(self, guild_id: int) -> Posting | None:
        post = await self.store.posts.latest(guild_id)
        return await self.posting(post) if post and self.shown(post) else None

    # ------------------------------------------------------------------ answering

    async def question(self, post_id: int, guild_id: int | None = None) -> QuestionView | None:
        """The post's question as shown, while it takes answers from `guild_id`: read only, for an answer form, which
        opens before anything may be written. None when the post is gone, of another guild, closed or withdrawn
        (`answer` says which)."""
        post = await self.store.posts.get(post_id)
        if post is None or (guild_id is not None and post.guild_id != guild_id):
            return None
        question = self.shown(post)
        if question is None or post.revealed or self.clock.now() >= post.closes_at:
            return None
        return _view(question, self.courses.get(post.exam))

    async def answer(self, post_id: int, user_id: int, display_name: str, text: str, guild_id: int | None = None) -> DailyAnswer:
        """Record a click's answer. `guild_id` is where the click came from: a post of another guild is refused."""
        post = await self.store.posts.get(post_id)
        if post is None:
            return DailyAnswer(error="That daily question no longer exists.")
        if guild_id is not None and post.guild_id != guild_id:
            return DailyAnswer(error="That question belongs to another server.")
        question = self.shown(post)
        if question is None:
            return DailyAnswer(error=WITHDRAWN)
        right = answer_letters(question)
        now = self.clock.now()
        if post.revealed or now >= post.closes_at:
            return DailyAnswer(closed_answer=right)
        try:
            chosen = parse_choice(text, question)
        except AnswerFormatError as error:
            return DailyAnswer(error=str(error))
        result = check(question, chosen)
        outcome = await self.store.record_answer(AnswerRequest(post_id, user_id, display_name, result.letters, result.correct, now))
        if outcome.closed:
            return DailyAnswer(closed_answer=right)
        if not outcome.recorded:
            return DailyAnswer(already=outcome.choice)
        return DailyAnswer(feedback=feedback(question, chosen, result.correct, outcome.points, outcome.streak))

    # ------------------------------------------------------------------ closing

    async def due_to_close(self, owns: Owns = None) -> list[DailyPost]:
        """Posts whose open period is over and whose closing is not shown yet. Those in a guild the bot has left can
        never be shown: they are closed here, without asking Discord."""
        due = [post for post in await self.store.posts.due_to_close(self.clock.now()) if owns is None or owns(post.guild_id)]
        left = await self.guilds.left_guild_ids() if due else set()
        for post in [post for post in due if post.guild_id in left]:
            await self.closed(post.post_id)
        return [post for post in due if post.guild_id not in left]

    async def closed(self, post_id: int) -> None:
        """The post's closing has been shown (or never can be): it is not tried again."""
        await self.store.posts.mark_revealed(post_id)

    async def close_due(self) -> list[Reveal]:
        """Build and close every post due, for adapters that show a reveal as soon as they have it (the console).
        A post is closed only once its reveal is built."""
        reveals = []
        for post in await self.due_to_close():
            try:
                reveal = await self.reveal(post)
            except Exception:
                log.exception("daily post %s: could not build its closing; trying again next time", post.post_id)
                continue
            await self.closed(post.post_id)
            reveals.append(reveal)
        return reveals

    async def reveal(self, post: DailyPost) -> Reveal:
        number = await self.store.posts.number(post)
        question = self.shown(post)
        if question is None:
            return Reveal(post, number, None, "", "", 0, [])
        view = _view(question, self.courses.get(post.exam))
        counts = await self.store.posts.choice_counts(post.post_id)
        answered = sum(counts.values())
        shares = []
        # A choice question shows how often each letter was picked; an ordered one, how many had the whole answer right.
        for letter in [answer_letters(question)] if question.ordered else [letter for letter, _ in view.options]:
            picked = sum(count for choice, count in counts.items() if (choice == letter if question.ordered else letter in choice))
            shares.append((letter, picked, picked / answered if answered else 0.0))
        return Reveal(post, number, view, answer_letters(question), explained(question), answered, shares)

    def shown(self, post: DailyPost) -> QuestionBase | None:
        """The post's question as it was shown; from the bank for a post made before posts kept it (None if it left)."""
        return thaw(post.question) if post.question else self.courses.get(post.exam).bank.get(post.question_id)


def _view(question: QuestionBase, course: Course) -> QuestionView:
    return question_view(question, course.bank.source(question.id), course.kb)
