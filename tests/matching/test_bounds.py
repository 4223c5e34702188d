"""Hostile text costs what text at the limit costs: every input is cut before matching, and nothing reads it twice.

No test here times anything. The cut is shown structurally (a reply to a huge text equals the reply to its first
part at the limit), and the linear scans by inputs of 100,000 characters that the old quadratic patterns took
minutes over.
"""

from __future__ import annotations

import pytest

from bot.app.ask import Asker, BadInput, NotSure
from bot.app.study import StudyApp
from bot.knowledge.base import KnowledgeBase
from bot.limits import ASK_CHARS, NAME_CHARS, cut
from bot.matching.compare import split_comparison
from bot.matching.options import MAX_OPTIONS, split_options
from bot.matching.text import clean

HUGE = 100_000


@pytest.fixture(scope="module")
def app(kb: KnowledgeBase) -> StudyApp:
    return StudyApp(kb)


@pytest.mark.parametrize(
    "text",
    [
        "x" * HUGE,
        "x " * (HUGE // 2),
        "diff between " * (HUGE // 13),
        " compare " * (HUGE // 9),
        "vs " * (HUGE // 3),
        "kinesis " * (HUGE // 8) + "vs firehose",
    ],
)
def test_finding_the_sides_of_a_comparison_reads_the_text_once(text: str) -> None:
    sides = split_comparison(text)
    assert sides is None or all(sides)


def test_the_sides_of_a_huge_comparison_are_found_whole() -> None:
    assert split_comparison("kinesis " * 10_000 + "vs firehose") == (("kinesis " * 10_000).strip(), "firehose")
    assert split_comparison("compare " + "a " * 10_000 + "and b") == (("a " * 10_000).strip(), "b")


@pytest.mark.parametrize("text", ["@" * HUGE, "@ " * (HUGE // 2), "@" * HUGE + "everyone", "<@" * (HUGE // 2), ":a" * (HUGE // 2)])
def test_cleaning_reads_the_text_once(text: str) -> None:
    assert "@everyone" not in clean(text).text


@pytest.mark.parametrize("unit", ["A. x\n", "A.\n", "- x\n", "x?\n", " \n", "         x\n", "? 1. 2. ", "Option A: ", "[ ] ", "• ", " "])
def test_finding_options_and_keeping_lines_read_the_text_once(unit: str) -> None:
    text = unit * (HUGE // len(unit))
    assert len(split_options(text)[1]) <= MAX_OPTIONS
    assert len(clean(text, keep_lines=True).text) <= len(text)


@pytest.mark.parametrize(
    "raw", ["a@everyonee which service", "x@heretranslate speech", "@@everyone!", "@EVERYONEx text", "tell @hereand now"]
)
def test_a_mass_mention_glued_to_a_word_is_removed(raw: str) -> None:
    cleaned = clean(raw)
    assert "@everyone" not in cleaned.text.lower() and "@here" not in cleaned.text.lower()
    assert cleaned.had_mention


def test_a_long_question_is_read_up_to_the_limit_only(asker: Asker) -> None:
    head = "turn call recordings into text. " * (ASK_CHARS // 32)
    result = asker.ask(head + "@" * HUGE)
    assert result == asker.ask(head + "@" * (ASK_CHARS - len(head)) + "tail that is never read")
    assert len(result.query) <= ASK_CHARS and f"first {ASK_CHARS:,} characters" in result.notes[0]


def test_each_side_of_a_comparison_is_read_up_to_the_name_limit(asker: Asker) -> None:
    side = "zzqxj " + "x" * HUGE
    result = asker.compare(side, "polly")
    assert result == asker.compare(cut(side, NAME_CHARS), "polly")
    assert isinstance(result.outcome, NotSure) and len(result.outcome.unclear) <= 61
    assert asker.split("polly " * HUGE + "and transcribe") == asker.split(("polly " * HUGE)[:ASK_CHARS])


def test_a_name_to_show_is_read_up_to_the_name_limit(app: StudyApp) -> None:
    name = "firehos" + "e" * HUGE
    assert app.show(name) == app.show(name[:NAME_CHARS])
    assert app.suggest_names(name) == app.suggest_names(name[:NAME_CHARS])


def test_a_trap_topic_is_read_up_to_the_name_limit(app: StudyApp) -> None:
    topic = "replay records " + "@" * HUGE
    pick = app.trap(topic)
    assert pick is not None and len(pick.topic) <= NAME_CHARS
    assert pick == app.trap(topic[:NAME_CHARS])


def test_a_question_of_symbols_only_is_still_bad_input_past_the_limit(asker: Asker) -> None:
    assert isinstance(asker.ask("🙂" * HUGE).outcome, BadInput)
