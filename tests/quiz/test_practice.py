"""Practice: sessions chosen for the learner, spaced repetition, weak areas, and bad input that changes nothing."""

from __future__ import annotations

import pytest

from bot.app.learning import Learning
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Domain
from bot.quiz.bank import QuestionBank
from bot.quiz.practice import PracticeError, PracticeMode
from bot.store.store import Store
from tests.conftest import FakeClock, one_exam

KINESIS = {"kinesis-data-streams", "data-firehose", "kinesis-video-streams", "managed-service-for-apache-flink"}


def about_kinesis(learning: Learning, question_id: str) -> bool:
    question = learning.courses.get().bank.get(question_id)
    return question is not None and question.tests[0] in KINESIS


def wrong_letters(learning: Learning, question_id: str) -> str:
    question = learning.courses.get().bank.get(question_id)
    assert question is not None
    wrong = [index for index, option in enumerate(question.options) if not option.correct]
    return " ".join("ABCDEF"[index] for index in wrong[: len(question.answer)])


def right_letters(learning: Learning, question_id: str) -> str:
    question = learning.courses.get().bank.get(question_id)
    assert question is not None
    return " ".join("ABCDEF"[index] for index in question.answer)


async def play(learning: Learning, clock: FakeClock, user: int, count: int, domain: Domain | None, miss_kinesis: bool) -> list[str]:
    step = await learning.practice.start(user, f"user{user}", domain, count)
    seen = []
    while step is not None:
        qid = step.view.question_id
        seen.append(qid)
        clock.advance(seconds=30)
        answer = wrong_letters(learning, qid) if miss_kinesis and about_kinesis(learning, qid) else right_letters(learning, qid)
        turn = await learning.practice.answer(step.session_id, user, answer)
        step = turn.next_step
    return seen


async def test_a_learner_who_keeps_missing_kinesis_gets_more_kinesis(learning: Learning, clock: FakeClock) -> None:
    struggling, steady = 1, 2
    for _ in range(4):
        await play(learning, clock, struggling, 10, "data-engineering", miss_kinesis=True)
        await play(learning, clock, steady, 10, "data-engineering", miss_kinesis=False)
        clock.advance(hours=1)
    later_struggling = await play(learning, clock, struggling, 10, "data-engineering", miss_kinesis=True)
    later_steady = await play(learning, clock, steady, 10, "data-engineering", miss_kinesis=False)
    share = sum(about_kinesis(learning, qid) for qid in later_struggling)
    baseline = sum(about_kinesis(learning, qid) for qid in later_steady)
    assert share >= 5 and share > baseline, (share, baseline)
    weakest = await learning.practice.weakest_entries(struggling, limit=3)
    assert set(weakest) <= KINESIS and weakest


async def test_missed_questions_come_back_when_due(learning: Learning, clock: FakeClock) -> None:
    first = await play(learning, clock, 3, 3, "modeling", miss_kinesis=False)
    step = await learning.practice.start(3, "user3", "modeling", 1)
    missed = step.view.question_id
    await learning.practice.answer(step.session_id, 3, wrong_letters(learning, missed))
    clock.advance(hours=2)
    again = await learning.practice.start(3, "user3", "modeling", 3)
    assert again.view.question_id == missed and missed not in first


async def test_session_summary_names_missed_entries(learning: Learning, clock: FakeClock) -> None:
    step = await learning.practice.start(4, "dee", None, 2)
    first = step.view.question_id
    turn = await learning.practice.answer(step.session_id, 4, wrong_letters(learning, first))
    assert turn.next_step is not None
    turn = await learning.practice.answer(step.session_id, 4, right_letters(learning, turn.next_step.view.question_id))
    assert turn.summary is not None and (turn.summary.correct, turn.summary.total) == (1, 2)
    first_entry = learning.courses.get().kb.entries[learning.courses.get().bank.get(first).tests[0]].name  # type: ignore[union-attr]
    assert turn.summary.missed == [first_entry] and first_entry in turn.summary.study_next
    with pytest.raises(PracticeError, match="over"):
        await learning.practice.answer(step.session_id, 4, "A")


@pytest.mark.parametrize("count", [0, 10_000, -1])
async def test_bad_counts_change_nothing(learning: Learning, count: int) -> None:
    with pytest.raises(PracticeError, match="between 1 and"):
        await learning.practice.start(5, "eve", None, count)
    assert await learning.store.learners.cards(5) == []


async def test_bad_domain_and_foreign_session_are_refused(learning: Learning) -> None:
    with pytest.raises(PracticeError, match="no domain 'astrology'"):
        learning.practice.parse_domain("astrology")
    assert learning.practice.parse_domain("EDA") == "exploratory-data-analysis"
    assert learning.practice.parse_domain("data engineering") == "data-engineering"
    assert learning.practice.parse_domain("modeling") == "modeling"
    step = await learning.practice.start(6, "fay", None, 1)
    with pytest.raises(PracticeError, match="not yours"):
        await learning.practice.answer(step.session_id, 7, "A")
    with pytest.raises(PracticeError, match="no option"):
        await learning.practice.answer(step.session_id, 6, "Z")
    assert (await learning.practice.current(step.session_id, 6)) is not None


async def test_stats_show_domains_with_weights_and_readiness(learning: Learning, clock: FakeClock) -> None:
    stats = await learning.stats.learner(8)
    assert stats.answered == 0 and stats.readiness is None and "not enough data" in stats.readiness_note
    for domain in learning.courses.get().kb.info.weights:
        await play(learning, clock, 8, 10, domain, miss_kinesis=True)
    stats = await learning.stats.learner(8)
    assert stats.answered == 40 and [stat.weight for stat in stats.domains] == [20, 24, 36, 20]
    assert stats.readiness is not None and 0 < stats.readiness <= 1 and "based on 40 answers" in stats.readiness_note


async def test_an_answer_to_an_earlier_step_does_not_answer_the_current_one(learning: Learning) -> None:
    step = await learning.practice.start(9, "gus", None, 3)
    assert step.position == 1
    turn = await learning.practice.answer(step.session_id, 9, right_letters(learning, step.view.question_id), position=1)
    assert turn.next_step is not None and turn.next_step.position == 2
    with pytest.raises(PracticeError, match="already answered question 1; this session is now at question 2"):
        await learning.practice.answer(step.session_id, 9, "A", position=1)
    assert (await learning.practice.current(step.session_id, 9)) == turn.next_step
    await learning.practice.answer(step.session_id, 9, right_letters(learning, turn.next_step.view.question_id), position=2)


async def test_sessions_serve_exam_style_questions_and_drills_only_on_request(learning: Learning) -> None:
    step = await learning.practice.start(11, "exam", "modeling", 10)
    exam = await learning.store.sessions.get(step.session_id)
    assert exam is not None and {learning.courses.get().bank.source(qid) for qid in exam.question_ids} == {"authored"}
    assert step.notice == "" and "Drill" not in step.view.heading
    step = await learning.practice.start(12, "drill", "modeling", 10, PracticeMode.DRILL)
    drills = await learning.store.sessions.get(step.session_id)
    assert drills is not None and {learning.courses.get().bank.source(qid) for qid in drills.question_ids} == {"drill"}
    assert step.view.heading.endswith("· Drill")


async def test_drills_fill_a_session_once_the_exam_style_questions_run_out_and_say_so(
    deck: KnowledgeBase, store: Store, clock: FakeClock, bank: QuestionBank
) -> None:
    two = dict(list(bank.authored.items())[:2])
    learning = Learning(one_exam(deck, QuestionBank(two, bank.drills, bank._by_entry)), store, clock)
    step = await learning.practice.start(13, "learner", None, 5)
    session = await store.sessions.get(step.session_id)
    assert session is not None
    assert [learning.courses.get().bank.source(qid) for qid in session.question_ids].count("authored") == 2
    assert "3 drill(s) fill this session" in step.notice


def test_an_unknown_mode_is_refused_with_the_choices(learning: Learning) -> None:
    with pytest.raises(PracticeError, match="choose exam"):
        learning.practice.parse_mode("quiz")
