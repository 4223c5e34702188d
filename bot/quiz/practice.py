"""Private practice: sessions chosen for one learner (due cards, then weak areas, then new questions)."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, replace
from enum import StrEnum

from bot.knowledge.questions import QuestionBase
from bot.limits import NAME_CHARS, shorten
from bot.quiz.checker import AnswerFormatError, check, parse_choice
from bot.quiz.clock import Clock
from bot.quiz.courses import Course, Courses
from bot.quiz.snapshot import freeze, thaw
from bot.quiz.spaced import review
from bot.quiz.views import Feedback, QuestionView, feedback, question_view
from bot.store.learners import Card
from bot.store.sessions import PracticeSession, Review
from bot.store.store import Store

DEFAULT_COUNT = 5
MAX_COUNT = 20


class PracticeError(ValueError):
    """Input that cannot start or continue a session; the message says what would work."""


class PracticeMode(StrEnum):
    """Exam-style questions (authored, second-read) or drills (generated from the deck, one distinction each)."""

    EXAM = "exam"
    DRILL = "drill"


@dataclass(frozen=True)
class PracticeStep:
    session_id: int
    position: int
    total: int
    view: QuestionView
    # Said once, with the first question: e.g. that drills fill a session the exam-style questions could not.
    notice: str = ""


@dataclass(frozen=True)
class PracticeSummary:
    correct: int
    total: int
    missed: list[str]
    study_next: list[str]


@dataclass(frozen=True)
class PracticeTurn:
    """Feedback on one answer, then the next step or, at the end, the summary."""

    feedback: Feedback
    next_step: PracticeStep | None
    summary: PracticeSummary | None


class PracticeService:
    def __init__(self, courses: Courses, store: Store, clock: Clock) -> None:
        self.courses, self.store, self.clock = courses, store, clock

    def parse_domain(self, text: str | None, exam: str | None = None) -> str | None:
        """One of the exam's domains from its id, a prefix of it, or its short form (for MLS-C01: de, eda, modeling, ops)."""
        if not text or not text.strip():
            return None
        info = self.courses.get(exam).kb.info
        found = info.domain(text[:NAME_CHARS])
        if found is None:
            names = ", ".join([*(domain.short for domain in info.domains), *info.weights])
            raise PracticeError(f"There is no domain '{shorten(text)}' in {info.code}. Choose one of: {names}.")
        return found

    def parse_mode(self, text: str | None) -> PracticeMode:
        try:
            return PracticeMode((text or PracticeMode.EXAM).strip().lower())
        except ValueError:
            raise PracticeError(f"There is no mode '{text}'; choose exam (exam-style questions) or drill.") from None

    async def start(
        self, user_id: int, display_name: str, domain: str | None = None, count: int = DEFAULT_COUNT,
        mode: PracticeMode = PracticeMode.EXAM, exam: str | None = None,
    ) -> PracticeStep:
        if not 1 <= count <= MAX_COUNT:
            raise PracticeError(f"A session has between 1 and {MAX_COUNT} questions.")
        course = self.courses.get(exam)
        chosen, notice = await self.choose(user_id, domain, count, mode, course.id)
        shown = [freeze(self._question(course, question_id)) for question_id in chosen]
        session = await self.store.sessions.start(user_id, display_name, chosen, self.clock.now(), questions=shown, exam=course.id)
        return replace(self._step(session), notice=notice)

    async def choose(
        self, user_id: int, domain: str | None, count: int, mode: PracticeMode = PracticeMode.EXAM, exam: str | None = None
    ) -> tuple[list[str], str]:
        """Exam-style questions first, then drills once the learner has been through them (or drills only, when asked);
        within each kind: due cards, then questions on the weakest entries, then new ones, then cards due later.
        Returns the chosen ids and what to tell the learner about them."""
        now = self.clock.now()
        cards = {card.question_id: card for card in await self.store.learners.cards(user_id)}
        rng = random.Random(f"{user_id}:{now.date().isoformat()}")
        course = self.courses.get(exam)
        bank = course.bank
        in_domain = bank.in_domain(domain)
        kinds = [PracticeMode.DRILL] if mode is PracticeMode.DRILL else [PracticeMode.EXAM, PracticeMode.DRILL]
        picked: list[str] = []
        for kind in kinds:
            wanted = "drill" if kind is PracticeMode.DRILL else "authored"
            pool = {question.id: question for question in in_domain if bank.source(question.id) == wanted}
            picked += [qid for qid in await self._ordered(user_id, course, pool, cards, rng) if qid not in picked][: count - len(picked)]
            if len(picked) >= count:
                break
        drills = sum(bank.source(qid) == "drill" for qid in picked)
        notice = ""
        if mode is PracticeMode.EXAM and drills:
            notice = f"You have worked through the exam-style questions here, so {drills} drill(s) fill this session."
        return picked, notice

    async def _ordered(
        self, user_id: int, course: Course, pool: dict[str, QuestionBase], cards: dict[str, Card], rng: random.Random
    ) -> list[str]:
        """The pool in the order a session takes it: due cards, weakest entries, new questions, cards due later."""
        now = self.clock.now()
        by_due = sorted((item for item in cards.items() if item[0] in pool), key=lambda item: item[1].due)
        ordered = [qid for qid, card in by_due if card.due <= now]
        for qid in await self._weak_questions(user_id, course, pool, rng):
            if qid not in ordered and (qid not in cards or cards[qid].due <= now):
                ordered.append(qid)
        fresh = sorted(qid for qid in pool if qid not in cards)
        rng.shuffle(fresh)
        ordered += [qid for qid in fresh if qid not in ordered]
        return ordered + [qid for qid, _ in by_due if qid not in ordered]

    async def _weak_questions(self, user_id: int, course: Course, pool: dict[str, QuestionBase], rng: random.Random) -> list[str]:
        """Questions about entries the learner missed, weakest entry first; each entry's questions shuffled."""
        ordered: list[str] = []
        for entry_id in await self.weakest_entries(user_id, course.id):
            about = [qid for qid in course.bank.about(entry_id) if qid in pool]
            rng.shuffle(about)
            ordered.extend(about)
        return ordered

    async def current(self, session_id: int, user_id: int) -> PracticeStep | None:
        session = await self._session(session_id, user_id)
        return None if session.finished else self._step(session)

    async def answer(self, session_id: int, user_id: int, text: str, position: int | None = None) -> PracticeTurn:
        """`position` is the step the answer was given to (as in PracticeStep): a button left on an earlier step
        is refused instead of answering the question that has replaced it."""
        session = await self._session(session_id, user_id)
        if session.finished or session.current is None:
            raise PracticeError("This practice session is over; start a new one whenever you like.")
        if position is not None and position != session.position + 1:
            raise PracticeError(f"You already answered question {position}; this session is now at question {session.position + 1}.")
        question = self._shown(session, session.position)
        try:
            chosen = parse_choice(text, question)
        except AnswerFormatError as error:
            raise PracticeError(str(error)) from error
        result = check(question, chosen)
        now = self.clock.now()
        seconds = max((now - session.shown_at).total_seconds(), 0.0)
        cards = {card.question_id: card for card in await self.store.learners.cards(user_id)}
        due, state = review(cards[question.id].state if question.id in cards else None, result.correct, seconds, now)
        recorded = await self.store.sessions.record_answer(
            session, Review(question.id, question.domain, result.correct, seconds, now, due, state)
        )
        if not recorded:
            raise PracticeError("That question was already answered; here is where the session stands.")
        after = await self._session(session_id, user_id)
        summary = await self._summary(after) if after.finished else None
        return PracticeTurn(feedback(question, chosen, result.correct), None if after.finished else self._step(after), summary)

    async def _summary(self, session: PracticeSession) -> PracticeSummary:
        entries = self.courses.get(session.exam).kb.entries
        missed_entries = []
        for question_id in session.missed:
            for entry_id in self._shown(session, session.question_ids.index(question_id)).tests[:1]:
                name = entries[entry_id].name if entry_id in entries else entry_id
                if name not in missed_entries:
                    missed_entries.append(name)
        weak = [entries[entry_id].name for entry_id in await self.weakest_entries(session.user_id, session.exam, 3)]
        study_next = missed_entries + [name for name in weak if name not in missed_entries]
        return PracticeSummary(session.correct, len(session.question_ids), missed_entries, study_next[:5])

    async def weakest_entries(self, user_id: int, exam: str | None = None, limit: int | None = None) -> list[str]:
        """The exam's entry ids the learner has missed (in its questions), lowest accuracy first (more answers break ties)."""
        course = self.courses.get(exam)
        domains = course.kb.info.weights
        tallies: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for question_id, domain, answered, correct in await self.store.learners.question_tallies(user_id):
            question = course.bank.get(question_id) if domain in domains else None
            for entry_id in question.tests[:1] if question else []:
                tallies[entry_id][0] += answered
                tallies[entry_id][1] += correct
        weak = [entry for entry, (answered, correct) in tallies.items() if correct < answered]
        weak.sort(key=lambda entry: (tallies[entry][1] / tallies[entry][0], -tallies[entry][0], entry))
        return weak[:limit]

    async def _session(self, session_id: int, user_id: int) -> PracticeSession:
        session = await self.store.sessions.get(session_id)
        if session is None or session.user_id != user_id:
            raise PracticeError("That practice session is not yours or no longer exists; start a new one to practise.")
        return session

    def _question(self, course: Course, question_id: str) -> QuestionBase:
        question = course.bank.get(question_id)
        if question is None:
            raise PracticeError("That question is no longer in the bank; start a new session.")
        return question

    def _shown(self, session: PracticeSession, index: int) -> QuestionBase:
        """The session's question at `index` as it was shown when the session started; from the bank for an older
        session that did not keep its questions."""
        if session.questions:
            return thaw(session.questions[index])
        return self._question(self.courses.get(session.exam), session.question_ids[index])

    def _step(self, session: PracticeSession) -> PracticeStep:
        assert session.current is not None
        question = self._shown(session, session.position)
        course = self.courses.get(session.exam)
        view = question_view(question, course.bank.source(question.id), course.kb)
        return PracticeStep(session.session_id, session.position + 1, len(session.question_ids), view)
