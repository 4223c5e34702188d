"""The console's `ask` and `compare` commands render the ask results as text (Console.handle is async)."""

from __future__ import annotations

import pytest

from bot.app.ask import Asker
from bot.app.study import StudyApp
from bot.console import build_console
from bot.console.repl import Console
from bot.knowledge.base import KnowledgeBase


@pytest.fixture
def console(kb: KnowledgeBase) -> Console:
    return build_console(StudyApp(kb))


async def test_ask_prints_the_card_and_or_maybe(console: Console) -> None:
    reply = await console.handle("ask which service for speech to text?") or ""
    assert reply.startswith("Amazon Transcribe  [service")
    assert "Or maybe:" in (await console.handle("ask kinesis stream") or "")


async def test_ask_comparison_and_compare_command_agree(console: Console) -> None:
    asked = await console.handle("ask kinesis vs firehose") or ""
    compared = await console.handle("compare kinesis firehose") or ""
    assert asked == compared
    assert asked.startswith("Amazon Kinesis Data Streams vs Amazon Data Firehose\n  The difference:")
    assert await console.handle('compare "kinesis data streams" and firehose') == asked


async def test_doubt_and_bad_input(console: Console) -> None:
    assert "I'm not sure what fits for 'asdf qwerty'." in (await console.handle("ask asdf qwerty") or "")
    assert "only mentioned someone" in (await console.handle("ask @everyone") or "")
    assert "Ask me about a need" in (await console.handle("ask") or "")
    assert (await console.handle("compare firehose") or "").startswith("Usage: compare X Y")
    reply = await console.handle("compare firehose zzqxj") or ""
    assert "not sure what fits for 'zzqxj'" in reply


async def test_help_lists_the_commands(console: Console) -> None:
    reply = await console.handle("help") or ""
    assert "ask QUERY" in reply and "compare X Y" in reply


async def test_a_question_about_an_unseen_question_asks_for_it(console: Console) -> None:
    reply = await console.handle("ask is the answer B?") or ""
    assert reply == "I can't see the question you mean. Paste the whole question, with its options, and I'll say what it tests."


PASTED = """A retailer keeps its product reviews in Amazon S3 and must find the negative ones without building a model.
Which solution meets these requirements?
Train a text classifier on labelled reviews
Detect the sentiment of each review with Amazon Comprehend
Detect the intent of each review with Amazon Lex"""


@pytest.fixture
def shipped_console(deck: KnowledgeBase, shipped_asker: Asker) -> Console:
    return build_console(StudyApp(deck, asker=shipped_asker))


async def test_a_question_pasted_on_several_lines_keeps_its_options(shipped_console: Console) -> None:
    reply = await shipped_console.handle(f"ask {PASTED}") or ""
    # bare lines after the question, found only with their line breaks
    assert "The options name: B) Amazon Comprehend; C) Amazon Lex" in reply


async def test_a_question_pasted_without_ask_is_asked_about(shipped_console: Console) -> None:
    assert await shipped_console.handle(PASTED) == await shipped_console.handle(f"ask {PASTED}")
    assert await shipped_console.handle("stast now") == "Unknown command 'stast'. Type 'help' to see what I can do."


async def test_a_pasted_question_that_starts_with_a_command_word_is_asked_about(shipped_console: Console) -> None:
    pasted = "Compare " + PASTED[0].lower() + PASTED[1:]
    reply = await shipped_console.handle(pasted) or ""
    assert reply == await shipped_console.handle(f"ask {pasted}")
    assert "The options name: B) Amazon Comprehend; C) Amazon Lex" in reply
    # a reason may run as long as a question, so a long report is still a report
    reason = "the key says Comprehend but the option wording is ambiguous about whether a model must be trained first"
    reported = await shipped_console.handle(f"report no-such-question {reason}")
    assert reported == "This console has no database open, so quiz features are off."
