"""Typed models of a deck's questions: multiple choice or response (`question`), ordering and matching.

Every kind is shown the same way, as lettered options, and answered the same way, as letters: a choice question's
answer is a set of letters; an ordering question shows its steps shuffled and is answered with their letters in order;
a matching question shows numbered items and lettered matches (shuffled) and is answered with one letter per item.
So the checker, the store and every adapter handle one shape, and only `ordered` tells how letters are compared.
"""

from __future__ import annotations

import random
import re
from typing import Annotated, Literal

from pydantic import Field, HttpUrl, StringConstraints, field_validator, model_validator

from bot.knowledge.models import Domain, ExamCode, Slug, Strict, Text

# An exam guide's task statement number, such as "3.2" (domain 3, task 2).
TaskId = Annotated[str, StringConstraints(pattern=r"^\d\.\d{1,2}$")]
OPTION_LETTERS = "ABCDEF"
# Ordering and matching questions: few enough parts to answer in one line, or in Discord's one text field.
MIN_PARTS, MAX_PARTS = 3, 5

_CHOOSE = re.compile(r"\(choose (two|three|four)\)", re.IGNORECASE)
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4}


class Option(Strict):
    text: Text
    correct: bool = False
    why: Text | None = None


class QuestionBase(Strict):
    """What every kind of question says: where it sits in the exam, its text, why, and what it rests on."""

    kind: str
    id: Slug
    exams: list[ExamCode] = Field(min_length=1)
    domain: Domain
    difficulty: Literal["easy", "medium", "hard"]
    prompt: Text
    explanation: Text
    tests: list[Slug] = Field(min_length=1)
    # The exam guide's task statement the question exercises, and the AWS page its answer rests on.
    task: TaskId | None = None
    source: HttpUrl | None = None
    # Shown after the explanation: e.g. that the answer is a service closed to new customers and what AWS suggests instead.
    note: Text | None = None
    # The stem names its own right answer on purpose (the question is about a setting of a service it names).
    names_answer: bool = False
    # The case study (one scenario, several questions) the question belongs to; its scenario is shown above the prompt.
    case: Slug | None = None

    @property
    def choices(self) -> list[str]:
        """The lettered texts the learner chooses from, in the order shown."""
        raise NotImplementedError

    @property
    def answer(self) -> list[int]:
        """The right answer as indexes into `choices`: a set (sorted) for choice questions, a sequence otherwise."""
        raise NotImplementedError

    @property
    def items(self) -> list[str]:
        """The numbered items a matching question pairs with the choices; empty for other kinds."""
        return []

    @property
    def ordered(self) -> bool:
        """Whether the answer's letters count in order (ordering, matching) or as a set (choice)."""
        return True

    @property
    def multiple(self) -> bool:
        """Whether the answer takes more than one letter."""
        return len(self.answer) > 1

    def rationale(self, index: int) -> str | None:
        """Why the choice at `index` is wrong, where the question says (choice questions do, for each wrong option)."""
        return None


class Question(QuestionBase):
    """Multiple choice, or multiple response when several options are right (the prompt then says "(Choose two)")."""

    kind: Literal["question"]
    options: list[Option] = Field(min_length=2, max_length=6)

    @field_validator("options")
    @classmethod
    def _options_sound(cls, options: list[Option]) -> list[Option]:
        seen: set[str] = set()
        for letter, option in zip(OPTION_LETTERS, options, strict=False):
            key = " ".join(option.text.lower().split())
            if key in seen:
                raise ValueError(f"option {letter} repeats an earlier option")
            seen.add(key)
            if not option.correct and not option.why:
                raise ValueError(f"wrong option {letter} needs a 'why'")
        if not any(option.correct for option in options):
            raise ValueError("no option is marked correct")
        if all(option.correct for option in options):
            raise ValueError("every option is marked correct")
        return options

    @model_validator(mode="after")
    def _choose_n_matches(self) -> Question:
        right = len(self.answer)
        said = _CHOOSE.search(self.prompt)
        if right > 1 and (not said or _COUNT_WORDS[said.group(1).lower()] != right):
            raise ValueError(f"{right} options are correct, so the prompt must say '(Choose {right})'")
        if right == 1 and said:
            raise ValueError("the prompt says '(Choose N)' but only one option is correct")
        return self

    @property
    def choices(self) -> list[str]:
        return [option.text for option in self.options]

    @property
    def answer(self) -> list[int]:
        return [index for index, option in enumerate(self.options) if option.correct]

    @property
    def ordered(self) -> bool:
        return False

    def rationale(self, index: int) -> str | None:
        return self.options[index].why


def _distinct(texts: list[str], what: str) -> list[str]:
    keys = [" ".join(text.lower().split()) for text in texts]
    if len(set(keys)) != len(keys):
        raise ValueError(f"two {what} say the same thing")
    return texts


def _shuffled(question_id: str, count: int) -> list[int]:
    """The order parts are shown in, the same every time for one question, and never already the answer."""
    order = list(range(count))
    rng = random.Random(question_id)
    while order == sorted(order):
        rng.shuffle(order)
    return order


class OrderingQuestion(QuestionBase):
    """Put the steps in order. The YAML lists them in the right order; learners see them shuffled."""

    kind: Literal["ordering"]
    steps: list[Text] = Field(min_length=MIN_PARTS, max_length=MAX_PARTS)

    @field_validator("steps")
    @classmethod
    def _steps_distinct(cls, steps: list[str]) -> list[str]:
        return _distinct(steps, "steps")

    @property
    def _shown(self) -> list[int]:
        return _shuffled(self.id, len(self.steps))

    @property
    def choices(self) -> list[str]:
        return [self.steps[index] for index in self._shown]

    @property
    def answer(self) -> list[int]:
        return [self._shown.index(step) for step in range(len(self.steps))]


class Pair(Strict):
    item: Text
    match: Text


class MatchingQuestion(QuestionBase):
    """Match each item to its counterpart. The YAML pairs them; learners see the items in order and the matches
    shuffled, and answer with one match letter per item."""

    kind: Literal["matching"]
    pairs: list[Pair] = Field(min_length=MIN_PARTS, max_length=MAX_PARTS)

    @field_validator("pairs")
    @classmethod
    def _pairs_distinct(cls, pairs: list[Pair]) -> list[Pair]:
        _distinct([pair.item for pair in pairs], "items")
        _distinct([pair.match for pair in pairs], "matches")
        return pairs

    @property
    def _shown(self) -> list[int]:
        return _shuffled(self.id, len(self.pairs))

    @property
    def items(self) -> list[str]:
        return [pair.item for pair in self.pairs]

    @property
    def choices(self) -> list[str]:
        return [self.pairs[index].match for index in self._shown]

    @property
    def answer(self) -> list[int]:
        return [self._shown.index(pair) for pair in range(len(self.pairs))]


AnyQuestion = Annotated[Question | OrderingQuestion | MatchingQuestion, Field(discriminator="kind")]
QUESTION_KINDS = ("question", "ordering", "matching")
