"""The mock exam: a private, timed paper drawn like the real exam, answered in any order, flagged, reviewed, submitted
(or submitted by the clock), then scored per domain with every question explained. All state is in the store, so an
exam survives a restart and any number of processes.

Every call on an open exam first checks the clock: once time is up the exam is submitted as it stands and the call
returns the result instead of a screen.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import timedelta

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.deck import ExamFormat
from bot.knowledge.questions import OPTION_LETTERS, QuestionBase
from bot.quiz.bank import QuestionBank
from bot.quiz.checker import AnswerFormatError, answer_letters, check, letters, parse_choice
from bot.quiz.clock import Clock
from bot.quiz.courses import Course, Courses
from bot.quiz.exam_paper import PaperError, draw_paper
from bot.quiz.exam_screens import DomainScore, ExamOverview, ExamResult, ExamScreen, ExamSummary, ItemReview, Shown
from bot.quiz.snapshot import freeze, thaw
from bot.quiz.spaced import review
from bot.quiz.views import QuestionView, explained, question_view
from bot.store.exams import CardUpdate, ExamExists, ExamItem, ExamRecord, PaperItem
from bot.store.store import Store

HISTORY = 10


class ExamError(ValueError):
    """A request the exam cannot take; the message says what would work."""


def estimate(accuracy: float, exam: ExamFormat) -> int:
    """The raw share right mapped linearly onto the exam's score scale. AWS scales scores with its own model and does
    not count its unscored questions, so this is a yardstick, not a prediction."""
    low, high = exam.scale
    return round(low + (high - low) * accuracy)


def exam_format(kb: KnowledgeBase) -> ExamFormat:
    if kb.info.format is None:
        raise ExamError(f"The {kb.info.name} deck does not state its exam format, so it has no mock exam.")
    return kb.info.format


def exam_paper(kb: KnowledgeBase, bank: QuestionBank, seed: int | str, avoid: Collection[str] = ()) -> list[QuestionBase]:
    """The questions a mock exam drawn with `seed` asks, in order: authored questions only."""
    try:
        return draw_paper(list(bank.authored.values()), kb.info.weights, exam_format(kb).questions, seed, avoid)
    except PaperError as error:
        raise ExamError(f"No mock exam yet: {error}.") from error


class ExamService:
    def __init__(self, courses: Courses, store: Store, clock: Clock) -> None:
        self.courses, self.store, self.clock = courses, store, clock

    def format(self, exam: str | None = None) -> ExamFormat:
        return exam_format(self.courses.get(exam).kb)

    async def start(self, user_id: int, display_name: str, exam: str | None = None) -> ExamScreen:
        if await self.store.exams.open_for(user_id):
            raise ExamError("You already have an exam under way: carry on with it, or abandon it first.")
        now = self.clock.now()
        course = self.courses.get(exam)
        paper = exam_paper(course.kb, course.bank, f"{user_id}:{now.isoformat()}", await self.store.exams.last_paper(user_id))
        items = [PaperItem(question.id, question.domain, freeze(question)) for question in paper]
        deadline = now + timedelta(minutes=exam_format(course.kb).minutes)
        try:
            exam_id = await self.store.exams.start(user_id, display_name, course.id, items, now, deadline)
        except ExamExists:
            raise ExamError("You already have an exam under way: carry on with it, or abandon it first.") from None
        shown = await self.show(exam_id, user_id)
        assert isinstance(shown, ExamScreen)  # just started: its time cannot be up
        return shown

    async def open_exam(self, user_id: int) -> ExamRecord | None:
        """The learner's open exam, submitted first if its time is up (then None)."""
        record = await self.store.exams.open_for(user_id)
        if record and self.clock.now() >= record.deadline:
            await self._finish(record, "expired")
            return None
        return record

    async def show(self, exam_id: int, user_id: int, position: int | None = None) -> Shown:
        """The question at `position` (1-based; default: where the learner is), or the result once time is up."""
        record = await self._own(exam_id, user_id)
        if not record.open or self.clock.now() >= record.deadline:
            return await self._result_of(record)
        items = await self.store.exams.items(exam_id)
        index = record.position if position is None else position - 1
        if not 0 <= index < len(items):
            raise ExamError(f"This exam has questions 1 to {len(items)}.")
        if index != record.position:
            await self.store.exams.move(exam_id, index)
        return self._screen(record, items, index)

    async def question(self, exam_id: int, user_id: int, position: int) -> QuestionView | None:
        """Question `position` (1-based) of the learner's exam as shown: read only, for an answer form, which opens
        before anything may be written. None unless the exam is theirs, open, in time and has that question (`show`
        then says where it stands)."""
        record = await self.store.exams.get(exam_id)
        if record is None or record.user_id != user_id or not record.open or self.clock.now() >= record.deadline:
            return None
        items = await self.store.exams.items(exam_id)
        if not 1 <= position <= len(items):
            return None
        return question_view(thaw(items[position - 1].question), "authored", self.courses.get(record.deck).kb)

    async def step(self, exam_id: int, user_id: int, delta: int) -> Shown:
        """The next (+1) or previous (-1) question, staying put at either end."""
        record = await self._own(exam_id, user_id)
        total = len(await self.store.exams.items(exam_id))
        return await self.show(exam_id, user_id, min(max(record.position + delta, 0), total - 1) + 1)

    async def answer(self, exam_id: int, user_id: int, position: int, text: str) -> Shown:
        """Record (or change) the answer to question `position`; the screen shows it chosen."""
        record = await self._own(exam_id, user_id)
        if not record.open or self.clock.now() >= record.deadline:
            return await self._result_of(record)
        items = await self.store.exams.items(exam_id)
        if not 1 <= position <= len(items):
            raise ExamError(f"This exam has questions 1 to {len(items)}.")
        question = thaw(items[position - 1].question)
        try:
            chosen = parse_choice(text, question)
        except AnswerFormatError as error:
            raise ExamError(str(error)) from error
        typed = letters(chosen, ordered=question.ordered)
        if not await self.store.exams.answer(exam_id, position - 1, typed, check(question, chosen).correct):
            return await self._result_of(await self._own(exam_id, user_id))
        return await self.show(exam_id, user_id, position)

    async def flag(self, exam_id: int, user_id: int, position: int) -> Shown:
        """Flag question `position` for review, or clear its flag."""
        record = await self._own(exam_id, user_id)
        if not record.open or self.clock.now() >= record.deadline:
            return await self._result_of(record)
        items = await self.store.exams.items(exam_id)
        if not 1 <= position <= len(items):
            raise ExamError(f"This exam has questions 1 to {len(items)}.")
        await self.store.exams.flag(exam_id, position - 1, not items[position - 1].flagged)
        return await self.show(exam_id, user_id, position)

    async def overview(self, exam_id: int, user_id: int) -> ExamOverview | ExamResult:
        record = await self._own(exam_id, user_id)
        if not record.open or self.clock.now() >= record.deadline:
            return await self._result_of(record)
        items = await self.store.exams.items(exam_id)
        return ExamOverview(
            exam_id, len(items), [item.position + 1 for item in items if item.choice is None],
            [item.position + 1 for item in items if item.flagged], record.deadline, record.deadline - self.clock.now(),
        )

    async def submit(self, exam_id: int, user_id: int) -> ExamResult:
        record = await self._own(exam_id, user_id)
        if record.open:
            late = self.clock.now() >= record.deadline
            await self._finish(record, "expired" if late else "submitted")
        return await self.result(exam_id, user_id)

    async def abandon(self, user_id: int) -> bool:
        """Drop the learner's open exam without a score; False when there is none."""
        record = await self.store.exams.open_for(user_id)
        return bool(record) and await self.store.exams.finish(record.exam_id, "abandoned", self.clock.now())

    async def result(self, exam_id: int, user_id: int) -> ExamResult:
        record = await self._own(exam_id, user_id)
        if record.open:
            raise ExamError("This exam is still under way: submit it to see the result.")
        if record.state == "abandoned":
            raise ExamError("That exam was abandoned, so it has no result.")
        return await self._result_of(record)

    async def history(self, user_id: int, limit: int = HISTORY, exam: str | None = None) -> list[ExamSummary]:
        """Finished attempts, newest first: of one exam, or (exam None) of every exam."""
        summaries = []
        for record in await self.store.exams.history(user_id, limit, exam):
            total = len(await self.store.exams.items(record.exam_id))
            correct = record.correct or 0
            info = self.courses.get(record.deck).kb.info
            summaries.append(ExamSummary(
                record.exam_id, record.started_at, record.state, correct, total,
                estimate(correct / total if total else 0.0, exam_format(self.courses.get(record.deck).kb)), self._time_used(record),
                info.code,
            ))
        return summaries

    async def expire_overdue(self) -> list[tuple[int, ExamResult]]:
        """Submit every exam whose time is up; (user id, result) for each one this call submitted."""
        ended = []
        for record in await self.store.exams.overdue(self.clock.now()):
            if await self._finish(record, "expired"):
                ended.append((record.user_id, await self._result_of(await self._own(record.exam_id, record.user_id))))
        return ended

    async def _own(self, exam_id: int, user_id: int) -> ExamRecord:
        record = await self.store.exams.get(exam_id)
        if record is None or record.user_id != user_id:
            raise ExamError("That exam is not yours or no longer exists; start your own with exam start.")
        return record

    async def _finish(self, record: ExamRecord, state: str) -> bool:
        """End the exam and feed every question to the learner's cards: a miss (or a question left unanswered) comes
        back soon, a right answer later, as practice answers do."""
        now = self.clock.now()
        cards = {card.question_id: card for card in await self.store.learners.cards(record.user_id)}
        updates = []
        for item in await self.store.exams.items(record.exam_id):
            due, state_json = review(cards[item.question_id].state if item.question_id in cards else None, bool(item.correct), None, now)
            updates.append(CardUpdate(item.question_id, due, state_json))
        return await self.store.exams.finish(record.exam_id, state, now, updates)

    def _time_used(self, record: ExamRecord) -> timedelta:
        end = min(record.finished_at or self.clock.now(), record.deadline)
        return max(end - record.started_at, timedelta(0))

    async def _result_of(self, record: ExamRecord) -> ExamResult:
        if record.open:  # time is up: the clock submits it
            await self._finish(record, "expired")
            record = await self._own(record.exam_id, record.user_id)
        items = await self.store.exams.items(record.exam_id)
        course = self.courses.get(record.deck)
        info = course.kb.info
        reviews = [self._review(course, item) for item in items]
        domains = []
        for domain, weight in info.weights.items():
            mine = [item for item in items if item.domain == domain]
            domains.append(DomainScore(domain, info.title(domain), weight, len(mine), sum(bool(item.correct) for item in mine)))
        correct = sum(review.correct for review in reviews)
        exam = exam_format(course.kb)
        return ExamResult(
            record.exam_id, record.state, correct, len(items), domains, self._time_used(record),
            estimate(correct / len(items) if items else 0.0, exam), exam.scale, exam.passing_score, reviews, info.code,
            exam.questions - exam.scored,
        )

    def _review(self, course: Course, item: ExamItem) -> ItemReview:
        question = thaw(item.question)
        chosen = item.choice or ""
        right = set(question.answer)
        wrong = [index for index in range(len(question.choices)) if index not in right]
        rationales = [(OPTION_LETTERS[index], why) for index in wrong if (why := question.rationale(index))]
        return ItemReview(
            item.position + 1, question_view(question, "authored", course.kb), chosen, answer_letters(question),
            bool(item.correct), explained(question), rationales,
        )

    def _screen(self, record: ExamRecord, items: list[ExamItem], index: int) -> ExamScreen:
        item = items[index]
        kb = self.courses.get(record.deck).kb
        return ExamScreen(
            record.exam_id, index + 1, len(items), question_view(thaw(item.question), "authored", kb), item.choice or "", item.flagged,
            sum(other.choice is not None for other in items), record.deadline, record.deadline - self.clock.now(), kb.info.code,
        )
