"""Tab in the interactive console: command names, then what each command's arguments can be (fixture deck)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from prompt_toolkit.completion import CompleteEvent, Completion
from prompt_toolkit.document import Document

from bot.app.learning import Learning
from bot.app.study import StudyApp
from bot.console import build_console
from bot.console.completion import ConsoleCompleter
from bot.console.repl import Console
from bot.knowledge.loader import load_deck
from bot.quiz.views import QuestionView
from bot.store.store import Store
from tests.conftest import FakeClock, one_exam
from tests.console.test_console import FIXTURE
from tests.console.test_parser_fuzz import lines

DOMAINS = ["de", "eda", "modeling", "ops", "data-engineering", "exploratory-data-analysis", "ml-implementation-operations"]


@pytest.fixture
async def console(tmp_path: Path) -> AsyncIterator[Console]:
    deck = load_deck(FIXTURE)
    store = await Store.open(tmp_path / "console.sqlite3")
    yield build_console(StudyApp(deck, Learning(one_exam(deck), store, FakeClock(datetime(2026, 11, 2, 12, 0, tzinfo=UTC)))))
    await store.close()


def completions(console: Console, text: str) -> list[Completion]:
    return list(ConsoleCompleter(console).get_completions(Document(text), CompleteEvent(completion_requested=True)))


def offered(console: Console, text: str) -> list[str]:
    return [completion.text for completion in completions(console, text)]


def test_command_names(console: Console) -> None:
    assert offered(console, "") == list(console.commands)
    assert offered(console, "  pr") == ["practice"]
    assert offered(console, "LEA") == ["leaderboard"]
    assert offered(console, "frobnicate ") == []


def test_show_and_trap_complete_a_whole_name_or_alias_from_any_word(console: Console) -> None:
    assert offered(console, "show amazon kin") == ["Amazon Kinesis Data Streams"]
    assert offered(console, "show kin") == ["Kinesis Data Streams", "Amazon Kinesis Data Streams"]  # starts-with first
    assert offered(console, "trap xgb") == ["XGBoost"]
    assert offered(console, "show zzz") == []
    [alias] = completions(console, 'show "kd')
    assert (alias.text, alias.start_position, alias.display_meta_text) == ("KDS", -3, "= Amazon Kinesis Data Streams")
    [name] = completions(console, "show fire")[1:]
    assert (name.text, name.display_meta_text) == ("Amazon Data Firehose", "service")


def test_compare_completes_each_side_quoted_when_it_has_spaces(console: Console) -> None:
    assert offered(console, "compare kds fire") == ["Firehose", '"Amazon Data Firehose"']
    [side] = completions(console, 'compare firehose "amazon ki')
    assert (side.text, side.start_position) == ('"Amazon Kinesis Data Streams"', -len('"amazon ki'))
    assert offered(console, 'compare "amazon data firehose" and xg') == ["XGBoost"]


def test_practice_leaderboard_and_exam_arguments(console: Console) -> None:
    assert offered(console, "practice ") == ["drill", *DOMAINS]
    assert offered(console, "practice drill m") == ["modeling", "ml-implementation-operations"]
    assert offered(console, "practice modeling ") == []
    assert offered(console, "leaderboard ") == ["all", "week", "month"]
    assert offered(console, "leaderboard all e") == ["eda", "exploratory-data-analysis"]
    assert offered(console, "leaderboard week ") == []
    assert offered(console, "exam re") == ["review", "result"]
    assert offered(console, "exam result ") == ["missed", "all"]
    assert offered(console, "exam submit ") == ["anyway"]
    assert offered(console, "exam next ") == []


async def test_answer_offers_the_letters_of_the_question_on_screen(console: Console) -> None:
    assert offered(console, "answer ") == []
    await console.handle("daily")
    letters = completions(console, "answer ")
    assert [(letter.text, letter.display_meta_text) for letter in letters] == [
        ("A", "Amazon Kinesis Data Streams"), ("B", "Amazon Data Firehose")
    ]
    assert offered(console, "answer b") == ["B"]
    assert offered(console, "answer A ") == []  # one letter is the whole answer to this question
    await console.handle("practice 1")
    assert console.question is not None
    assert offered(console, "answer ") == [letter for letter, _ in console.question.options]
    await console.handle("answer A")
    assert console.question is None and offered(console, "answer ") == []


def test_a_choose_two_question_offers_the_letters_not_chosen_yet(console: Console) -> None:
    options = [(letter, f"option {letter}") for letter in "ABCDE"]
    console.question = QuestionView("q", "authored", "modeling", "Modeling", "Which two?", options, choose=2)
    assert offered(console, "answer C ") == ["A", "B", "D", "E"]
    assert offered(console, "answer C a") == ["A"]
    assert offered(console, "answer C A ") == []


def test_any_line_completes_without_error_and_only_replaces_what_was_typed() -> None:
    console = build_console(StudyApp(load_deck(FIXTURE)))
    console.question = QuestionView("q", "authored", "modeling", "Modeling", "Which two?", [("A", "a"), ("B", "b"), ("C", "c")], 2)

    @settings(max_examples=300, deadline=None)
    @given(line=lines)
    def complete(line: str) -> None:
        for completion in completions(console, line):
            assert 0 <= -completion.start_position <= len(line) and completion.text

    complete()
