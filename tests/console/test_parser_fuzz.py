"""Hypothesis over the console's command parser: any line gets a reply (or ends the session), and no line reaches
the guard for unexpected errors."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.app.learning import Learning
from bot.app.study import StudyApp
from bot.console import build_console
from bot.knowledge.base import KnowledgeBase
from bot.quiz.bank import QuestionBank
from bot.store.store import Store
from tests.conftest import FakeClock, one_exam

COMMANDS = [
    "ask", "compare", "show", "trap", "daily", "answer", "practice", "stats", "leaderboard", "report", "forget", "user", "exam",
    "help", "HELP", "frobnicate", "",
]
NUMBERS = ["0", "1", "5", "20", "21", "-5", "--5", "+5", "²", "³", "½", "٣", "５", "9" * 5000, "1e3", "0x10", "1.5"]
ARGUMENTS = [
    "start", "go", "next", "prev", "flag", "review", "submit", "anyway", "abandon", "history", "result", "missed", "drill",
    "all", "week", "month", "decade", "ops", "de", "eda", "modeling", "astrology", "yes", "A", "a c", "Q",
    "mod-xgboost-001", "kinesis", "vs", '"', "'", '"unclosed', "\\", "@everyone", "🙂", "\x00", "\u200b",
]
words = st.one_of(st.sampled_from(NUMBERS), st.sampled_from(ARGUMENTS), st.text(max_size=15))
lines = st.builds(
    lambda command, args: " ".join([command, *args]),
    st.sampled_from(COMMANDS),
    st.lists(words, max_size=6),
) | st.text(max_size=80)


def test_any_line_gets_a_reply_and_never_an_unexpected_error(tmp_path: Path, deck: KnowledgeBase, bank: QuestionBank) -> None:
    loop = asyncio.new_event_loop()
    store = loop.run_until_complete(Store.open(tmp_path / "fuzz.sqlite3"))
    console = build_console(StudyApp(deck, Learning(one_exam(deck, bank), store, FakeClock(datetime(2026, 11, 2, 12, 0, tzinfo=UTC)))))

    @settings(max_examples=200, deadline=None)
    @given(line=lines)
    @example(line="practice ²")
    @example(line="practice ops --5")
    @example(line="user " + "x" * 40)
    def handle(line: str) -> None:
        reply = loop.run_until_complete(console.handle(line))
        if reply is None:
            assert line.split()[0].lower() in ("quit", "exit", "bye")
            return
        assert "failed unexpectedly" not in reply, (line, reply)
        assert len(reply) < 20_000

    try:
        handle()
    finally:
        loop.run_until_complete(store.close())
        loop.close()
