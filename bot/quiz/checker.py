"""Reading a learner's answer ("B", "a c", "A,C", "C A D B") and checking it against a question: as a set of letters
for a choice question, as a sequence for an ordering or matching question (bot.knowledge.questions)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.questions import OPTION_LETTERS, QuestionBase

# What is not a letter of the answer: separators, "and", and the item numbers of a matching answer ("1B 2A 3C").
_NOT_LETTERS = re.compile(r"\bAND\b|[^A-Z]")


class AnswerFormatError(ValueError):
    """The learner's input is not a usable answer; the message says what to type instead."""


@dataclass(frozen=True)
class Checked:
    chosen: tuple[int, ...]
    correct: bool

    @property
    def letters(self) -> str:
        return "".join(OPTION_LETTERS[index] for index in self.chosen)


def letters(indexes: tuple[int, ...] | list[int], *, ordered: bool = False) -> str:
    """The letters of `indexes`: in their order for an ordered answer, alphabetical for a set."""
    return "".join(OPTION_LETTERS[index] for index in (indexes if ordered else sorted(indexes)))


def answer_letters(question: QuestionBase) -> str:
    return letters(question.answer, ordered=question.ordered)


def example(question: QuestionBase) -> str:
    """How an answer to this question is typed, for messages and hints."""
    valid = OPTION_LETTERS[: len(question.choices)]
    if question.ordered:
        return " ".join(reversed(valid))
    return " ".join(valid[: len(question.answer)])


def parse_choice(text: str, question: QuestionBase) -> tuple[int, ...]:
    """The chosen letters as indexes: for a choice question, each letter once in any order, as many as it wants; for
    an ordering or matching question, every letter exactly once, in order."""
    valid = OPTION_LETTERS[: len(question.choices)]
    cleaned = _NOT_LETTERS.sub("", text.upper())
    if not cleaned:
        raise AnswerFormatError(f"Answer with option letters ({', '.join(valid)}), for example: {example(question)}.")
    unknown = sorted({letter for letter in cleaned if letter not in valid})
    if unknown:
        raise AnswerFormatError(f"There is no option {', '.join(unknown)}; choose from {', '.join(valid)}.")
    if question.ordered:
        if sorted(cleaned) != sorted(valid):
            what = "the steps in order" if question.kind == "ordering" else "one letter for each item, in the items' order"
            raise AnswerFormatError(f"Give every letter {', '.join(valid)} exactly once: {what}, for example {example(question)}.")
        return tuple(valid.index(letter) for letter in cleaned)
    chosen = sorted({valid.index(letter) for letter in cleaned})
    needed = len(question.answer)
    if len(chosen) != needed:
        raise AnswerFormatError(
            f"Choose exactly {needed} options (for example '{example(question)}')." if needed > 1 else "Choose one option."
        )
    return tuple(chosen)


def check(question: QuestionBase, chosen: tuple[int, ...]) -> Checked:
    """Right only when the chosen letters are exactly the right ones (in the right order, where order counts)."""
    right = list(question.answer) if question.ordered else sorted(question.answer)
    return Checked(chosen, list(chosen) == right)
