"""One bot, two exams: each server studies its own exam, and every post, session, mock exam, score and board stays
with the exam it was made for, also after a server switches."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest

from bot.app.deck import Deck
from bot.app.learning import Learning
from bot.knowledge.base import KnowledgeBase
from bot.quiz.bank import QuestionBank
from bot.quiz.checker import answer_letters
from bot.quiz.courses import Course, Courses, UnknownExam
from bot.quiz.daily import Posting
from bot.quiz.practice import PracticeError
from bot.store.store import Store
from tests.conftest import FakeClock

GUILD, OTHER_GUILD = 42, 43
NINE_IN_NEW_YORK = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)


@pytest.fixture
def two_exams(deck: KnowledgeBase, bank: QuestionBank, shipped_mla: Deck, store: Store, clock: FakeClock) -> Learning:
    return Learning(Courses.of(Course(deck, bank), Course(shipped_mla.kb, shipped_mla.bank)), store, clock)


async def set_up(learning: Learning, exam: str | None = None, guild: int = GUILD) -> None:
    await learning.daily.setup(guild, channel_id=5, at="09:00", zone="America/New_York", exam=exam)


async def post_today(learning: Learning) -> Posting:
    [posting] = await learning.daily.post_due()
    await learning.daily.published(posting.post.post_id, posting.post.post_id + 1000)
    return posting


def right(learning: Learning, posting: Posting) -> str:
    question = learning.daily.shown(posting.post)
    assert question is not None
    return answer_letters(question)


async def test_a_server_on_mla_gets_mla_questions_in_the_guides_weights(two_exams: Learning, clock: FakeClock) -> None:
    await set_up(two_exams, "MLA")
    clock.set(NINE_IN_NEW_YORK)
    posts = []
    for _ in range(28):
        posts.append(await post_today(two_exams))
        clock.advance(days=1)
        await two_exams.daily.close_due()
    mla = two_exams.courses.get("mla-c01")
    assert {posting.post.exam for posting in posts} == {"mla-c01"}
    assert all(mla.bank.get(posting.view.question_id) is not None for posting in posts)
    domains = Counter(posting.view.domain for posting in posts)
    for domain, weight in mla.kb.info.weights.items():
        assert abs(domains[domain] - 28 * weight / 100) <= 1, dict(domains)


async def test_switching_exams_keeps_old_posts_and_scores_under_their_own_exam(two_exams: Learning, clock: FakeClock) -> None:
    await set_up(two_exams)
    clock.set(NINE_IN_NEW_YORK)
    old = await post_today(two_exams)
    assert old.post.exam == "mls-c01"
    assert (await two_exams.daily.answer(old.post.post_id, 1, "ana", right(two_exams, old))).feedback

    await set_up(two_exams, "mla-c01")
    assert (await two_exams.daily.status(GUILD)).settings.exam == "mla-c01"  # type: ignore[union-attr]
    await set_up(two_exams)  # setting up again without naming an exam keeps the server's
    assert (await two_exams.daily.status(GUILD)).settings.exam == "mla-c01"  # type: ignore[union-attr]

    clock.advance(days=1)
    [reveal] = await two_exams.daily.close_due()  # yesterday's post closes with its own exam's question
    assert reveal.post.exam == "mls-c01" and reveal.view and reveal.view.question_id == old.view.question_id
    new = await post_today(two_exams)
    assert new.post.exam == "mla-c01" and two_exams.courses.get("mla-c01").bank.get(new.view.question_id)
    assert (await two_exams.daily.answer(new.post.post_id, 2, "ben", right(two_exams, new))).feedback

    assert (await two_exams.stats.learner(1, GUILD, "mls-c01")).answered == 1
    assert (await two_exams.stats.learner(1, GUILD, "mla-c01")).answered == 0
    assert (await two_exams.stats.daily_results(2, GUILD, "mla-c01")).answered == 1
    mls_board = await two_exams.leaderboard(GUILD, exam="mls")
    mla_board = await two_exams.leaderboard(GUILD)  # the server's exam now
    assert [row.user_id for row in mls_board.board.rows] == [1] and mls_board.exam == "MLS-C01"
    assert [row.user_id for row in mla_board.board.rows] == [2] and mla_board.exam == "MLA-C01"


async def test_a_command_takes_the_typed_exam_then_the_servers_then_the_default(two_exams: Learning) -> None:
    await set_up(two_exams, "mla-c01")
    assert await two_exams.exam_of(GUILD) == "mla-c01"
    assert await two_exams.exam_of(GUILD, "MLS C01") == "mls-c01"
    assert await two_exams.exam_of(OTHER_GUILD) == "mls-c01"
    assert await two_exams.exam_of(None) == "mls-c01"
    with pytest.raises(UnknownExam, match=r"There is no exam 'saa-c03'\. Choose one of: MLS-C01, MLA-C01\."):
        await two_exams.exam_of(GUILD, "saa-c03")


async def test_practice_draws_from_the_chosen_exam_in_its_own_domains(two_exams: Learning) -> None:
    practice = two_exams.practice
    assert practice.parse_domain("prep", "mla-c01") == "data-preparation"
    with pytest.raises(PracticeError, match=r"There is no domain 'eda' in MLA-C01\. Choose one of: prep, dev, deploy, ops"):
        practice.parse_domain("eda", "mla-c01")
    step = await practice.start(1, "ana", "data-preparation", count=5, exam="mla-c01")
    mla = two_exams.courses.get("mla-c01")
    assert step.view.domain == "data-preparation" and mla.bank.get(step.view.question_id) is not None


async def test_mock_exams_follow_each_exams_format_and_history_is_per_exam(two_exams: Learning, clock: FakeClock) -> None:
    exams = two_exams.exam
    assert (exams.format("mla-c01").questions, exams.format("mla-c01").minutes) == (65, 130)
    screen = await exams.start(1, "ana", "mla-c01")
    assert screen.exam == "MLA-C01" and screen.total == 65
    await exams.submit(screen.exam_id, 1)
    clock.advance(minutes=1)
    await exams.submit((await exams.start(1, "ana")).exam_id, 1)
    assert [summary.exam for summary in await exams.history(1, exam="mla-c01")] == ["MLA-C01"]
    assert [summary.exam for summary in await exams.history(1, exam="mls-c01")] == ["MLS-C01"]
    assert len(await exams.history(1)) == 2
