"""The daily question of each guild: setup, posting when due (once a local day), answering and closing."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.questions import QuestionBase
from bot.quiz.bank import QuestionBank
from bot.quiz.checker import AnswerFormatError, answer_letters, check, parse_choice
from bot.quiz.clock import Clock
from bot.quiz.daily_choice import WINDOW_DAYS, choose_daily
from bot.quiz.schedule import ScheduleError, due_date, next_post_time, parse_time, parse_zone
from bot.quiz.views import Feedback, QuestionView, explained, feedback, question_view
from bot.store.answers import AnswerRequest
from bot.store.records import DailyPost, GuildSettings
from bot.store.store import Store


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
    post: DailyPost
    number: int
    view: QuestionView
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
    def __init__(self, kb: KnowledgeBase, bank: QuestionBank, store: Store, clock: Clock, *, seed: int = 0, open_hours: int = 24) -> None:
        self.kb, self.bank, self.store, self.clock = kb, bank, store, clock
        self.seed = seed
        self.default_open_hours = open_hours

    async def setup(
        self, guild_id: int, channel_id: int, at: str, zone: str, role_id: int | None = None, open_hours: int | None = None
    ) -> GuildSettings:
        """Validate and save a guild's schedule; raises ScheduleError with a message for the admin."""
        parse_time(at)
        parse_zone(zone)
        hours = open_hours or self.default_open_hours
        if not 1 <= hours <= 72:
            raise ScheduleError("A question can stay open between 1 and 72 hours.")
        current = await self.store.posts.settings(guild_id)
        paused = current.paused if current else False
        settings = GuildSettings(guild_id, channel_id, at.strip().zfill(5), zone.strip(), role_id, hours, paused)
        await self.store.posts.save_settings(settings)
        return settings

    async def set_paused(self, guild_id: int, paused: bool) -> GuildSettings | None:
        current = await self.store.posts.settings(guild_id)
        if current is None:
            return None
        updated = replace(current, paused=paused)
        await self.store.posts.save_settings(updated)
        return updated

    async def status(self, guild_id: int) -> DailyStatus:
        settings = await self.store.posts.settings(guild_id)
        if settings is None or settings.channel_id is None:
            return DailyStatus(settings, None, None)
        zone = parse_zone(settings.timezone)
        now = self.clock.now()
        today = await self.store.posts.on_date(guild_id, now.astimezone(zone).date())
        at = parse_time(settings.post_time)
        if settings.paused:
            upcoming = None
        elif today is None and due_date(now, at, zone) is not None:
            upcoming = now  # today's time has passed with no post yet (paused, set up late, offline): it is due now
        else:
            upcoming = next_post_time(now, at, zone)
        return DailyStatus(settings, upcoming, today)

    async def post_due(self) -> list[Posting]:
        """Create today's post for every guild whose time has come; a guild already posted today is skipped."""
        now = self.clock.now()
        postings = []
        for settings in await self.store.posts.all_settings():
            if settings.paused or settings.channel_id is None:
                continue
            day = due_date(now, parse_time(settings.post_time), parse_zone(settings.timezone))
            if day is not None and await self.store.posts.on_date(settings.guild_id, day) is None:
                posting = await self._create(settings, day, now)
                if posting:
                    postings.append(posting)
        return postings

    async def post_now(self, guild_id: int) -> Posting | None:
        """Post today's question at once (admin command); None if today already has one or nothing is set up."""
        settings = await self.store.posts.settings(guild_id)
        if settings is None or settings.channel_id is None:
            return None
        now = self.clock.now()
        return await self._create(settings, now.astimezone(parse_zone(settings.timezone)).date(), now)

    async def _create(self, settings: GuildSettings, day: date, now: datetime) -> Posting | None:
        asked = await self.store.posts.asked_questions(settings.guild_id)
        recent = await self.store.posts.asked_since(settings.guild_id, day - timedelta(days=WINDOW_DAYS - 1))
        question = choose_daily(self.bank, self.kb.info.weights, asked, recent, seed=self.seed, guild_id=settings.guild_id)
        post = await self.store.posts.create(
            settings.guild_id, day, question.id, question.domain, settings.channel_id, now, now + timedelta(hours=settings.open_hours)
        )
        if post is None:
            return None
        return Posting(post, len(asked) + 1, question_view(question, self.bank.source(question.id), self.kb), settings.role_id)

    async def unpublished(self) -> list[Posting]:
        """Open posts whose message was never confirmed (the bot stopped between creating and sending)."""
        postings = []
        for settings in await self.store.posts.all_settings():
            post = await self.store.posts.latest(settings.guild_id)
            if post and post.message_id is None and not post.revealed and post.closes_at > self.clock.now():
                postings.append(await self.posting(post))
        return postings

    async def posting(self, post: DailyPost) -> Posting:
        question = self._question(post)
        settings = await self.store.posts.settings(post.guild_id)
        view = question_view(question, self.bank.source(question.id), self.kb)
        return Posting(post, await self._number(post), view, settings.role_id if settings else None)

    async def published(self, post_id: int, message_id: int) -> None:
        await self.store.posts.set_message(post_id, message_id)

    async def today(self, guild_id: int) -> Posting | None:
        post = await self.store.posts.latest(guild_id)
        return await self.posting(post) if post else None

    async def answer(self, post_id: int, user_id: int, display_name: str, text: str) -> DailyAnswer:
        post = await self.store.posts.get(post_id)
        if post is None:
            return DailyAnswer(error="That daily question no longer exists.")
        question = self._question(post)
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

    async def close_due(self) -> list[Reveal]:
        """Reveal every post whose open period is over; each is revealed by exactly one caller."""
        reveals = []
        for post in await self.store.posts.due_to_close(self.clock.now()):
            if await self.store.posts.mark_revealed(post.post_id):
                reveals.append(await self.reveal(post))
        return reveals

    async def reveal(self, post: DailyPost) -> Reveal:
        question = self._question(post)
        view = question_view(question, self.bank.source(question.id), self.kb)
        counts = await self.store.posts.choice_counts(post.post_id)
        answered = sum(counts.values())
        shares = []
        # A choice question shows how often each letter was picked; an ordered one, how many had the whole answer right.
        for letter in [answer_letters(question)] if question.ordered else [letter for letter, _ in view.options]:
            picked = sum(count for choice, count in counts.items() if (choice == letter if question.ordered else letter in choice))
            shares.append((letter, picked, picked / answered if answered else 0.0))
        return Reveal(post, await self._number(post), view, answer_letters(question), explained(question), answered, shares)

    async def _number(self, post: DailyPost) -> int:
        """The post's place in the guild's series ("question of the day #12"), for the post and its closing edit alike."""
        return await self.store.posts.number(post)

    def _question(self, post: DailyPost) -> QuestionBase:
        question = self.bank.get(post.question_id)
        if question is None:
            raise LookupError(f"question '{post.question_id}' of post {post.post_id} is no longer in the bank")
        return question

