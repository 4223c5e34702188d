"""Reading a learner's answer ("B", "a c", "A,C") and checking it against a question as a set."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.models import OPTION_LETTERS, Question


class AnswerFormatError(ValueError):
    """The learner's input is not a usable answer; the message says what to type instead."""


@dataclass(frozen=True)
class Checked:
    chosen: frozenset[int]
    correct: bool

    @property
    def letters(self) -> str:
        return letters(self.chosen)


def letters(indexes: frozenset[int] | list[int] | set[int]) -> str:
    return "".join(OPTION_LETTERS[index] for index in sorted(indexes))


def parse_choice(text: str, question: Question) -> frozenset[int]:
    """Option letters in any order, case or separators; each must exist, and the count must match the question."""
    valid = OPTION_LETTERS[: len(question.options)]
    cleaned = re.sub(r"\bAND\b|[^A-Z]", "", text.upper())
    if not cleaned:
        raise AnswerFormatError(f"Answer with an option letter ({', '.join(valid)}).")
    unknown = sorted({letter for letter in cleaned if letter not in valid})
    if unknown:
        raise AnswerFormatError(f"There is no option {', '.join(unknown)}; choose from {', '.join(valid)}.")
    chosen = frozenset(valid.index(letter) for letter in cleaned)
    needed = len(question.answer)
    if len(chosen) != needed:
        raise AnswerFormatError(
            f"Choose exactly {needed} options (for example '{valid[0]} {valid[1]}')." if needed > 1 else "Choose one option."
        )
    return chosen


def check(question: Question, chosen: frozenset[int]) -> Checked:
    """Right only when the chosen set is exactly the set of right options."""
    return Checked(chosen, chosen == frozenset(question.answer))
