"""Three learners play a week of daily questions in the console, on a controlled clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app.learning import Learning
from bot.app.study import StudyApp
from bot.console import build_console
from bot.console.repl import LOCAL_GUILD, Console
from bot.knowledge.base import KnowledgeBase
from bot.quiz.bank import QuestionBank
from bot.store.store import Store
from tests.conftest import FakeClock, one_exam


@pytest.fixture
async def console(tmp_path: Path, deck: KnowledgeBase, bank: QuestionBank) -> AsyncIterator[tuple[Console, FakeClock]]:
    clock = FakeClock(datetime(2026, 11, 2, 12, 0, tzinfo=UTC))
    store = await Store.open(tmp_path / "console.sqlite3")
    yield build_console(StudyApp(deck, Learning(one_exam(deck, bank), store, clock))), clock
    await store.close()


async def say(console: Console, line: str) -> str:
    reply = await console.handle(line)
    assert reply is not None
    return reply


async def answers_for(console: Console) -> tuple[str, str]:
    learning = console.app.learning
    assert learning is not None
    posting = await learning.daily.today(LOCAL_GUILD)
    assert posting is not None
    question = learning.courses.get().bank.get(posting.view.question_id)
    assert question is not None
    right = [index for index, option in enumerate(question.options) if option.correct]
    wrong = [index for index, option in enumerate(question.options) if not option.correct][: len(right)]
    return " ".join("ABCDEF"[i] for i in right), " ".join("ABCDEF"[i] for i in wrong)


async def test_a_week_of_daily_questions_for_three_learners(console: tuple[Console, FakeClock]) -> None:
    shell, clock = console
    for day in range(7):
        shown = await say(shell, "daily")
        assert f"Question of the day #{day + 1}" in shown
        if day:
            assert "Closed: question of" in shown and "3 answered" in shown
        right, wrong = await answers_for(shell)
        for name, good in (("ana", True), ("ben", day % 2 == 1), ("cy", False)):
            assert await say(shell, f"user {name}") == f"Now answering as '{name}'."
            reply = await say(shell, f"answer {right if good else wrong}")
            assert reply.startswith("Right!") if good else reply.startswith("Not quite")
        assert "already answered" in await say(shell, f"answer {wrong}")
        clock.advance(days=1)

    board = await say(shell, "leaderboard")
    lines = board.splitlines()
    assert "1. ana" in lines[1] and "91 pts" in lines[1] and "streak 7" in lines[1]
    assert "2. ben" in lines[2] and "30 pts" in lines[2]
    assert "3. cy" in lines[3] and "0 pts" in lines[3] and "←" in lines[3]
    assert "Nobody has points here yet." in await say(shell, "leaderboard week"), "Monday Nov 9 starts a new week"
    month = await say(shell, "leaderboard month")
    assert "MLS-C01 leaderboard (month)" in month and "1. ana" in month

    await say(shell, "user ana")
    stats = await say(shell, "stats")
    assert stats.startswith("ana · MLS-C01: 7 answered, accuracy 100%, streak 7 (best 7)")
    assert "Readiness: not enough data yet (7 answers)" in stats


async def test_bad_input_gets_a_clear_reply_and_changes_nothing(console: tuple[Console, FakeClock]) -> None:
    shell, _ = console
    assert "no daily question yet" in await say(shell, "answer A")
    assert "between 1 and" in await say(shell, "practice 0")
    assert "between 1 and" in await say(shell, "practice 10000")
    assert "no domain 'astrology'" in await say(shell, "practice astrology")
    assert "no period 'decade'" in await say(shell, "leaderboard decade")
    await say(shell, "daily")
    assert "There is no option" in await say(shell, "answer Q")
    assert "Nobody has points here yet." in await say(shell, "leaderboard")
    practice = await say(shell, "practice ops 2")
    assert practice.startswith("Practice 1/2 · ML implementation and operations")


async def test_traps_on_a_topic_at_random_and_when_nothing_fits(console: tuple[Console, FakeClock]) -> None:
    shell, _ = console
    on_topic = await say(shell, "trap kinesis firehose")
    assert on_topic.startswith("Trap: Kinesis Data Streams vs Firehose  [trap")
    assert "Belief:" in on_topic and "Truth:" in on_topic
    assert "[trap ·" in await say(shell, "trap")
    assert (await say(shell, "trap zzzz qqqq")).startswith("No trap is about 'zzzz qqqq'; here is another one.")


async def test_report_and_forget(console: tuple[Console, FakeClock]) -> None:
    shell, _ = console
    await say(shell, "daily")
    right, _ = await answers_for(shell)
    await say(shell, f"answer {right}")
    assert "no question 'nope-1'" in await say(shell, "report nope-1 the answer is wrong")
    assert (await say(shell, "report mod-xgboost-001 option C is also right")).startswith("Thanks: report #1")
    learning = shell.app.learning
    assert learning is not None
    [report] = await learning.store.learners.open_reports(LOCAL_GUILD)
    assert (report.question_id, report.reason) == ("mod-xgboost-001", "option C is also right")
    assert "Type 'forget yes' to confirm" in await say(shell, "forget")
    assert "1. learner" in await say(shell, "leaderboard")
    assert await say(shell, "forget yes") == "Everything 'learner' had earned is deleted."
    assert "Nobody has points here yet." in await say(shell, "leaderboard")
    assert await learning.store.learners.open_reports(LOCAL_GUILD) == []
