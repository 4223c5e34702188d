"""Whatever is typed at the console gets a one-line answer and the console goes on: numbers, names, long lines."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app.learning import Learning
from bot.app.study import StudyApp
from bot.console import build_console
from bot.console.numbers import ArgumentError, number
from bot.console.repl import Console
from bot.knowledge.base import KnowledgeBase
from bot.limits import LEARNER_NAME_CHARS, LINE_CHARS
from bot.quiz.bank import QuestionBank
from bot.quiz.practice import MAX_COUNT
from bot.store.store import Store
from tests.conftest import FakeClock, one_exam
from tests.console.test_console import chat

COUNT_USAGE = f"COUNT must be a whole number between 1 and {MAX_COUNT}"


@pytest.fixture
async def console(tmp_path: Path, deck: KnowledgeBase, bank: QuestionBank) -> AsyncIterator[Console]:
    store = await Store.open(tmp_path / "console.sqlite3")
    yield build_console(StudyApp(deck, Learning(one_exam(deck, bank), store, FakeClock(datetime(2026, 11, 2, 12, 0, tzinfo=UTC)))))
    await store.close()


async def say(console: Console, line: str) -> str:
    reply = await console.handle(line)
    assert reply is not None
    return reply


def test_malformed_counts_get_a_usage_message_and_the_console_goes_on(tmp_path: Path) -> None:
    counts = ["²", "³", "--5", "-5", "+5", "9" * 5000, "٣٣"]
    result = chat("".join(f"practice {count}\n" for count in counts) + "show kds\n", tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.count(COUNT_USAGE) == len(counts)
    assert "Amazon Kinesis Data Streams  [service" in result.stdout


@pytest.mark.parametrize("word", ["²", "½", "--5", "-1", "1.5", "1e3", "0x10", "9" * 5000, "", " 5"])
def test_one_number_reader_refuses_what_is_not_a_whole_number_in_range(word: str) -> None:
    with pytest.raises(ArgumentError, match="PAGE must be a whole number between 1 and 99"):
        number(word, "PAGE", 1, 99)


@pytest.mark.parametrize(("word", "value"), [("1", 1), ("007", 7), ("99", 99), ("５", 5)])
def test_one_number_reader_reads_whole_numbers(word: str, value: int) -> None:
    assert number(word, "PAGE", 1, 99) == value


async def test_counts_pages_and_exam_positions_share_the_number_reader(console: Console) -> None:
    assert COUNT_USAGE in await say(console, "practice ops ²")
    assert "Usage: practice [drill] [DOMAIN] [COUNT]" in await say(console, "practice 2 3")
    assert (await say(console, "practice ops 2")).startswith("Practice 1/2 · ML implementation and operations")
    assert "PAGE must be a whole number between 1 and" in await say(console, "leaderboard all ³")
    assert "MLS-C01 leaderboard (all) page 1/1" in await say(console, "leaderboard all 1")
    assert "this leaderboard has 1 page" in await say(console, "leaderboard week 7")
    await say(console, "exam start")
    assert "N must be a whole number between 1 and" in await say(console, "exam go ²")
    assert "N must be a whole number between 1 and" in await say(console, "exam go " + "9" * 5000)


async def test_a_name_longer_than_the_limit_is_refused_not_cut(console: Console) -> None:
    base = "x" * LEARNER_NAME_CHARS
    assert f"at most {LEARNER_NAME_CHARS} characters" in await say(console, f"user {base}a")
    assert console.user == "learner"
    assert await say(console, f"user {base}") == f"Now answering as '{base}'."
    first = console.user_id
    await say(console, f"user {base[:-1]}y")
    assert console.user_id != first


async def test_an_unexpected_error_in_a_command_is_one_line_and_the_console_goes_on(console: Console) -> None:
    def broken(console: Console, args: list[str]) -> str:
        raise RuntimeError("the flux capacitor\nis off")

    console.register("broken", broken, "", "always fails")
    reply = await say(console, "broken now")
    assert reply.startswith("Sorry: 'broken' failed unexpectedly (RuntimeError: the flux capacitor)") and "\n" not in reply
    assert "Amazon Kinesis Data Streams" in await say(console, "show kds")


async def test_echoed_text_is_short(console: Console) -> None:
    assert len(await say(console, "show " + "q" * 10_000)) < 200
    assert len(await say(console, "practice " + "q" * 10_000)) < 300
    assert len(await say(console, "leaderboard " + "q" * 10_000)) < 200
    assert len(await say(console, "report " + "q" * 10_000 + " wrong")) < 200


def test_help_keeps_a_space_between_each_usage_and_its_description(console: Console) -> None:
    help_text = console.commands["help"][0](console, [])
    assert isinstance(help_text, str)
    lines = {line.split()[0]: line for line in help_text.splitlines()[1:]}
    for name, (_, usage, about) in console.commands.items():
        assert lines[name].startswith(f"  {name} {usage}".rstrip() + "  ") and lines[name].endswith(about)


def test_a_line_past_the_limit_is_read_up_to_it(tmp_path: Path) -> None:
    result = chat("ask " + "speech to text " * (LINE_CHARS // 5) + "\nshow kds\n", tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    assert "I read only its first" in result.stdout and "Amazon Kinesis Data Streams  [service" in result.stdout
