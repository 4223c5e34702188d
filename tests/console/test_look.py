"""A Look only adds styling and picks the width: without colour it is the plain text, with colour the same text
with escape codes around it, wrapped to the same width."""

from __future__ import annotations

import re

from bot.app.cards import entry_card
from bot.console.look import MIN_WIDTH, PLAIN, Look
from bot.console.render import render_card
from bot.console.render_quiz import render_feedback, render_question
from bot.knowledge.base import KnowledgeBase
from bot.quiz.views import feedback, question_view

SGR = re.compile(r"\x1b\[[0-9;]*m")


def visible(text: str) -> str:
    return SGR.sub("", text)


def renders(deck: KnowledgeBase, look: Look) -> list[str]:
    """A card with aliases and look-alikes, a question, and feedback both ways."""
    entry = deck.find("kinesis data streams")
    assert entry is not None and entry.aliases
    question = next(question for question in deck.questions.values() if len(question.answer) == 1)
    wrong = next(index for index, option in enumerate(question.options) if not option.correct)
    view = question_view(question, "authored", deck)
    return [
        render_card(entry_card(deck, entry), look=look),
        render_question(view, "Practice 1/5", look=look),
        render_feedback(feedback(question, frozenset(question.answer), True, 10, 1), look=look),
        render_feedback(feedback(question, frozenset({wrong}), False), look=look),
    ]


def test_colour_changes_no_character_of_the_text_and_no_line_break(deck: KnowledgeBase) -> None:
    for width in (PLAIN.width, 60):
        plain, styled = renders(deck, Look(width)), renders(deck, Look(width, color=True))
        assert [visible(text) for text in styled] == plain
        assert styled != plain


def test_plain_is_the_identity() -> None:
    text = "Right!\n  second line"
    assert PLAIN.heading(text) == PLAIN.muted(text) == PLAIN.good(text) == PLAIN.bad(text) == PLAIN.strong(text) == text
    assert PLAIN.option("B", "An option") == "  B) An option"


def test_styles_wrap_each_line_and_a_nested_style_does_not_end_the_outer_one() -> None:
    look = Look(color=True)
    assert look.muted("also: a\n  b") == "\x1b[2malso: a\x1b[0m\n\x1b[2m  b\x1b[0m"
    assert look.good("Right!") == "\x1b[32mRight!\x1b[0m" and look.bad("Not quite") == "\x1b[31mNot quite\x1b[0m"
    nested = look.heading(f"Question 2 ({look.good('right')}) · Modeling")
    assert nested == "\x1b[1;36mQuestion 2 (\x1b[32mright\x1b[0m\x1b[1;36m) · Modeling\x1b[0m"


def test_option_letters_are_bold_and_the_option_wraps_by_what_is_visible() -> None:
    text = "An accelerated computing GPU instance such as ml.g5 or ml.p3 for the training job " * 2
    styled = Look(50, color=True).option("D", text)
    assert styled.startswith("  \x1b[1mD)\x1b[0m An accelerated")
    assert visible(styled) == Look(50).option("D", text)
    assert all(len(line) <= 50 for line in visible(styled).splitlines())


def test_the_width_follows_the_terminal_but_never_below_the_minimum() -> None:
    text = "word " * 60
    assert max(map(len, Look(60).fill(text, "    ").splitlines())) <= 60
    assert max(map(len, Look(100).fill(text).splitlines())) > 60
    assert Look(5).fill(text) == Look(MIN_WIDTH).fill(text)


def test_a_card_lists_the_other_pages_its_facts_come_from_under_its_docs(deck: KnowledgeBase) -> None:
    entry = next(entry for entry in deck.entries.values() if entry.fact_sources)
    lines = render_card(entry_card(deck, entry)).splitlines()
    docs = next(number for number, line in enumerate(lines) if line.startswith("  Docs: "))
    assert lines[docs] == f"  Docs: {entry.url}"
    assert [line.strip() for line in lines[docs + 1:]] == list(dict.fromkeys(map(str, entry.fact_sources.values())))
