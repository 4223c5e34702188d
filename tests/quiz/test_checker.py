"""Reading answers: letters in any form, sets for choose-two, and clear refusals for bad input."""

from __future__ import annotations

import pytest

from bot.knowledge.questions import Option, Question
from bot.quiz.checker import AnswerFormatError, check, parse_choice


def question(right: list[int], options: int = 4) -> Question:
    prompt = "Pick the right ones." + (" (Choose two)" if len(right) == 2 else "")
    return Question(
        kind="question", id="q-1", exams=["mls-c01"], domain="modeling", difficulty="easy", prompt=prompt,
        options=[Option(text=f"option {index}", correct=index in right, why=None if index in right else "wrong")
                 for index in range(options)],
        explanation="because", tests=["xgboost"],
    )


@pytest.mark.parametrize("text", ["b", "B", " b ", "B.", "(B)"])
def test_single_letter_forms(text: str) -> None:
    assert parse_choice(text, question([1])) == (1,)


@pytest.mark.parametrize("text", ["A C", "c,a", "AC", "a and c", "C & A"])
def test_choose_two_is_read_as_a_set(text: str) -> None:
    two = question([0, 2])
    chosen = parse_choice(text, two)
    assert chosen == (0, 2) and check(two, chosen).correct


def test_a_set_is_right_only_when_exact() -> None:
    two = question([0, 2], options=5)
    assert not check(two, parse_choice("A B", two)).correct


@pytest.mark.parametrize(("text", "message"), [("", "option letter"), ("E", "no option E"), ("A B", "Choose one"), ("zz", "no option Z")])
def test_bad_answers_are_explained(text: str, message: str) -> None:
    with pytest.raises(AnswerFormatError, match=message):
        parse_choice(text, question([1]))


def test_choose_two_needs_two() -> None:
    with pytest.raises(AnswerFormatError, match="exactly 2"):
        parse_choice("A", question([0, 2]))
