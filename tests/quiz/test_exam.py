"""The mock exam: the draw, answering in any order, flags, the clock, the result and what it feeds."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from datetime import timedelta

import pytest

from bot.app.learning import Learning
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.questions import OPTION_LETTERS
from bot.quiz.bank import QuestionBank
from bot.quiz.exam import ExamError, estimate, exam_format, exam_paper
from bot.quiz.exam_paper import apportion
from bot.quiz.exam_screens import ExamResult, ExamScreen
from bot.quiz.snapshot import thaw
from tests.conftest import FakeClock

LEARNER, OTHER = 41, 42


def right(learning: Learning, question_id: str) -> str:
    question = learning.courses.get().bank.get(question_id)
    assert question is not None
    return " ".join(OPTION_LETTERS[index] for index in question.answer)


def wrong(learning: Learning, question_id: str) -> str:
    question = learning.courses.get().bank.get(question_id)
    assert question is not None
    misses = [index for index, option in enumerate(question.options) if not option.correct]
    return " ".join(OPTION_LETTERS[index] for index in misses[: len(question.answer)])


def test_the_paper_follows_the_exam_weights_and_is_reproducible(deck: KnowledgeBase, bank: QuestionBank) -> None:
    exam = exam_format(deck)
    paper = exam_paper(deck, bank, seed=7)
    assert len(paper) == exam.questions == len({question.id for question in paper})
    assert all(question.id in bank.authored for question in paper)
    counts = Counter(question.domain for question in paper)
    for domain, weight in deck.info.weights.items():
        assert abs(counts[domain] - exam.questions * weight / 100) <= 2, (domain, counts[domain])
    assert [q.id for q in exam_paper(deck, bank, seed=7)] == [q.id for q in paper]
    assert [q.id for q in exam_paper(deck, bank, seed=8)] != [q.id for q in paper]
    share = sum(q.multiple for q in bank.authored.values()) / len(bank.authored)
    assert abs(sum(q.multiple for q in paper) - share * exam.questions) <= 2


def test_a_second_paper_avoids_the_first_where_the_bank_allows(deck: KnowledgeBase, bank: QuestionBank) -> None:
    first = exam_paper(deck, bank, seed=1)
    second = exam_paper(deck, bank, seed=2, avoid=[q.id for q in first])
    repeats = {q.id for q in first} & {q.id for q in second}
    spare = {domain: sum(q.domain == domain for q in bank.authored.values()) for domain in deck.info.weights}
    needed = apportion(len(first), deck.info.weights)
    assert len(repeats) == sum(max(0, 2 * needed[domain] - spare[domain]) for domain in needed)


def test_apportion_adds_up_exactly() -> None:
    assert sum(apportion(65, {"a": 20, "b": 24, "c": 36, "d": 20}).values()) == 65  # type: ignore[arg-type]


async def test_a_full_exam_answered_out_of_order_with_flags(learning: Learning, clock: FakeClock) -> None:
    exam = learning.exam
    screen = await exam.start(LEARNER, "learner")
    assert (screen.position, screen.total, screen.answered) == (1, 65, 0)
    assert screen.time_left == timedelta(minutes=180)
    record = await learning.store.exams.open_for(LEARNER)
    assert record is not None
    paper = [item.question_id for item in await learning.store.exams.items(record.exam_id)]
    with pytest.raises(ExamError, match="already have an exam"):
        await exam.start(LEARNER, "learner")

    shown = await exam.show(record.exam_id, LEARNER, 10)
    assert isinstance(shown, ExamScreen) and shown.position == 10
    shown = await exam.answer(record.exam_id, LEARNER, 10, wrong(learning, paper[9]))
    assert isinstance(shown, ExamScreen) and shown.chosen and shown.answered == 1
    shown = await exam.answer(record.exam_id, LEARNER, 10, right(learning, paper[9]))  # changing an answer is allowed
    assert isinstance(shown, ExamScreen) and shown.chosen == right(learning, paper[9]).replace(" ", "") and shown.answered == 1
    flagged = await exam.flag(record.exam_id, LEARNER, 10)
    assert isinstance(flagged, ExamScreen) and flagged.flagged
    back = await exam.step(record.exam_id, LEARNER, -1)
    assert isinstance(back, ExamScreen) and back.position == 9
    for position in range(1, 41):
        clock.advance(seconds=60)
        if position != 10:
            await exam.answer(record.exam_id, LEARNER, position, right(learning, paper[position - 1]))
    overview = await exam.overview(record.exam_id, LEARNER)
    assert not isinstance(overview, ExamResult)
    assert overview.answered == 40 and overview.unanswered == list(range(41, 66)) and overview.flagged == [10]

    result = await exam.submit(record.exam_id, LEARNER)
    assert (result.state, result.correct, result.total) == ("submitted", 40, 65)
    assert result.time_used == timedelta(minutes=40)
    assert result.estimate == estimate(40 / 65, exam.format()) and not result.passed and result.unscored == 15
    assert sum(domain.asked for domain in result.domains) == 65
    assert [item.position for item in result.items if not item.correct] == list(range(41, 66))
    missed = result.items[-1]
    assert missed.chosen == "" and missed.rationales and missed.explanation

    cards = {card.question_id: card for card in await learning.store.learners.cards(LEARNER)}
    assert set(cards) == set(paper)
    assert cards[paper[-1]].due < cards[paper[0]].due, "a missed question comes back sooner than a right one"
    history = await exam.history(LEARNER)
    assert [(summary.exam_id, summary.correct) for summary in history] == [(record.exam_id, 40)]
    stats = await learning.stats.learner(LEARNER)
    assert stats.last_exam is not None and stats.last_exam.correct == 40 and stats.answered == 65


async def test_time_up_submits_the_exam_as_it_stands(learning: Learning, clock: FakeClock) -> None:
    exam = learning.exam
    await exam.start(LEARNER, "learner")
    record = await learning.store.exams.open_for(LEARNER)
    assert record is not None
    first = (await learning.store.exams.items(record.exam_id))[0]
    await exam.answer(record.exam_id, LEARNER, 1, right(learning, first.question_id))
    clock.advance(minutes=180)
    shown = await exam.answer(record.exam_id, LEARNER, 2, "A")
    assert isinstance(shown, ExamResult) and shown.state == "expired" and shown.correct == 1
    assert shown.time_used == timedelta(minutes=180)
    assert await learning.store.exams.open_for(LEARNER) is None
    assert await exam.expire_overdue() == []


async def test_the_clock_sweep_submits_exams_nobody_touches(learning: Learning, clock: FakeClock) -> None:
    await learning.exam.start(LEARNER, "learner")
    await learning.exam.start(OTHER, "other")
    clock.advance(minutes=179)
    assert await learning.exam.expire_overdue() == []
    clock.advance(minutes=1)
    ended = await learning.exam.expire_overdue()
    assert sorted(user for user, _ in ended) == [LEARNER, OTHER]
    assert all(result.state == "expired" for _, result in ended)
    assert await learning.exam.expire_overdue() == []


async def test_an_exam_is_private_and_one_at_a_time(learning: Learning) -> None:
    screen = await learning.exam.start(LEARNER, "learner")
    for call in (
        learning.exam.show(screen.exam_id, OTHER),
        learning.exam.answer(screen.exam_id, OTHER, 1, "A"),
        learning.exam.flag(screen.exam_id, OTHER, 1),
        learning.exam.submit(screen.exam_id, OTHER),
    ):
        with pytest.raises(ExamError, match="not yours"):
            await call
    with pytest.raises(ExamError, match="questions 1 to 65"):
        await learning.exam.show(screen.exam_id, LEARNER, 66)
    with pytest.raises(ExamError, match="no option"):
        await learning.exam.answer(screen.exam_id, LEARNER, 1, "Z")
    assert await learning.exam.abandon(LEARNER)
    assert not await learning.exam.abandon(LEARNER)
    assert await learning.exam.history(LEARNER) == []
    again = await learning.exam.start(LEARNER, "learner")
    assert again.exam_id != screen.exam_id


async def test_the_exam_keeps_the_questions_as_shown(learning: Learning) -> None:
    screen = await learning.exam.start(LEARNER, "learner")
    items = await learning.store.exams.items(screen.exam_id)
    frozen = thaw(items[0].question)
    assert frozen == learning.courses.get().bank.get(items[0].question_id)
    assert screen.view.prompt == frozen.prompt


async def test_exams_earn_no_leaderboard_points(learning: Learning) -> None:
    screen = await learning.exam.start(LEARNER, "learner")
    await learning.exam.submit(screen.exam_id, LEARNER)
    board = await learning.leaderboard(0)
    assert board.board.total == 0


def test_exam_sample_cli_prints_the_paper() -> None:
    command = [sys.executable, "-m", "bot", "exam", "sample", "--seed", "5", "--json", "--exam", "mls-c01"]
    lines = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120).stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) == 65 and len({row["id"] for row in rows}) == 65
    assert {row["kind"] for row in rows} == {"multiple choice", "multiple response"}
    assert [row["number"] for row in rows] == list(range(1, 66))


async def test_a_question_is_read_for_an_answer_form_only_while_the_exam_takes_answers(learning: Learning, clock: FakeClock) -> None:
    screen = await learning.exam.start(LEARNER, "learner")
    items = await learning.store.exams.items(screen.exam_id)
    second = await learning.exam.question(screen.exam_id, LEARNER, 2)
    assert second is not None and second.question_id == items[1].question_id
    record = await learning.store.exams.get(screen.exam_id)
    assert record is not None and record.position == 0  # read only: the learner is still at question 1
    assert await learning.exam.question(screen.exam_id, OTHER, 2) is None
    assert await learning.exam.question(screen.exam_id, LEARNER, 66) is None
    clock.advance(minutes=180)
    assert await learning.exam.question(screen.exam_id, LEARNER, 2) is None
    assert await learning.store.exams.open_for(LEARNER) is not None  # out of time, yet not submitted by a read
