"""Typed models of a knowledge-base deck: what a YAML entry may and must say."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints, field_validator, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ExamCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,5}-c\d{2}$")]
# An exam guide's task statement number, such as "3.2" (domain 3, task 2).
TaskId = Annotated[str, StringConstraints(pattern=r"^\d\.\d{1,2}$")]
OPTION_LETTERS = "ABCDEF"


class Domain(StrEnum):
    """The four MLS-C01 exam domains."""

    DATA_ENGINEERING = "data-engineering"
    EXPLORATORY_DATA_ANALYSIS = "exploratory-data-analysis"
    MODELING = "modeling"
    ML_IMPLEMENTATION_OPERATIONS = "ml-implementation-operations"


DOMAIN_TITLES = {
    Domain.DATA_ENGINEERING: "Data engineering",
    Domain.EXPLORATORY_DATA_ANALYSIS: "Exploratory data analysis",
    Domain.MODELING: "Modeling",
    Domain.ML_IMPLEMENTATION_OPERATIONS: "ML implementation and operations",
}


class Strict(BaseModel):
    """Base for every YAML-facing model: unknown fields are errors, models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Confusable(Strict):
    id: Slug
    difference: Text


class Hyperparameter(Strict):
    name: Text
    about: Text
    required: bool = False


class EntryBase(Strict):
    id: Slug
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    domain: Domain
    summary: Text
    use_cases: list[Text] = Field(default_factory=list)
    keywords: list[Text] = Field(default_factory=list)
    facts: list[Text] = Field(min_length=1)
    confusable_with: list[Confusable] = Field(default_factory=list)
    exams: list[ExamCode] = Field(min_length=1)
    url: HttpUrl

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class Service(EntryBase):
    kind: Literal["service"]


class Concept(EntryBase):
    kind: Literal["concept"]


class Algorithm(EntryBase):
    kind: Literal["algorithm"]
    learning_type: Literal["supervised", "unsupervised", "semi-supervised", "self-supervised", "reinforcement"]
    problem_types: list[Text] = Field(min_length=1)
    builtin: bool
    input_formats: list[Text] = Field(default_factory=list)
    training_instances: list[Literal["cpu", "gpu"]] = Field(default_factory=list)
    inference_instances: list[Literal["cpu", "gpu"]] = Field(default_factory=list)
    instance_notes: Text | None = None
    hyperparameters: list[Hyperparameter] = Field(default_factory=list)

    @model_validator(mode="after")
    def _builtin_details(self) -> Algorithm:
        if self.builtin:
            for field in ("input_formats", "training_instances", "inference_instances", "hyperparameters"):
                if not getattr(self, field):
                    raise ValueError(f"a SageMaker built-in algorithm needs '{field}'")
        return self


class Metric(EntryBase):
    kind: Literal["metric"]
    formula: Text
    better: Literal["higher", "lower"]
    prefer_when: list[Text] = Field(min_length=1)


class Trap(EntryBase):
    kind: Literal["trap"]
    belief: Text
    truth: Text
    why: Text


class Option(Strict):
    text: Text
    correct: bool = False
    why: Text | None = None


_CHOOSE = re.compile(r"\(choose (two|three|four)\)", re.IGNORECASE)
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4}


class Question(Strict):
    kind: Literal["question"]
    id: Slug
    exams: list[ExamCode] = Field(min_length=1)
    domain: Domain
    difficulty: Literal["easy", "medium", "hard"]
    prompt: Text
    options: list[Option] = Field(min_length=2, max_length=6)
    explanation: Text
    tests: list[Slug] = Field(min_length=1)
    # The exam guide's task statement the question exercises, and the AWS page its answer rests on.
    task: TaskId | None = None
    source: HttpUrl | None = None
    # Shown after the explanation: e.g. that the answer is a service closed to new customers and what AWS suggests instead.
    note: Text | None = None
    # The stem names its own right answer on purpose (the question is about a setting of a service it names).
    names_answer: bool = False

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
    def answer(self) -> list[int]:
        return [index for index, option in enumerate(self.options) if option.correct]

    @property
    def multiple(self) -> bool:
        return len(self.answer) > 1


Entry = Annotated[Service | Algorithm | Metric | Concept | Trap, Field(discriminator="kind")]
Item = Annotated[Service | Algorithm | Metric | Concept | Trap | Question, Field(discriminator="kind")]
ENTRY_KINDS = ("service", "algorithm", "metric", "concept", "trap")


class ExamFormat(Strict):
    """How the real exam runs: the mock exam copies it, and reports the score on the same scale."""

    questions: int = Field(ge=1, le=200)
    scored: int = Field(ge=1, le=200)
    minutes: int = Field(ge=1, le=600)
    passing_score: int
    scale: tuple[int, int] = (100, 1000)

    @model_validator(mode="after")
    def _sound(self) -> ExamFormat:
        low, high = self.scale
        if not low < self.passing_score <= high:
            raise ValueError(f"the passing score must lie on the scale {low}-{high}")
        if self.scored > self.questions:
            raise ValueError("more scored questions than questions")
        return self


class TaskStatement(Strict):
    """One task statement of the exam guide ("3.2 Select the appropriate model(s) for a given ML problem")."""

    id: TaskId
    domain: Domain
    title: Text


class DeckInfo(Strict):
    """`deck.yaml`: the exam a deck prepares for, its domain weights (percent), the exam guide's task statements and the
    exam's format."""

    id: ExamCode
    name: Text
    status: Text | None = None
    weights: dict[Domain, int]
    tasks: list[TaskStatement] = Field(default_factory=list)
    format: ExamFormat | None = None

    @field_validator("weights")
    @classmethod
    def _weights_sum(cls, weights: dict[Domain, int]) -> dict[Domain, int]:
        if sum(weights.values()) != 100:
            raise ValueError("domain weights must add up to 100")
        return weights

    @model_validator(mode="after")
    def _tasks_sound(self) -> DeckInfo:
        ids = [task.id for task in self.tasks]
        if len(set(ids)) != len(ids):
            raise ValueError("task statement ids must be unique")
        if stray := [task.id for task in self.tasks if task.domain not in self.weights]:
            raise ValueError(f"task statements {', '.join(stray)} belong to a domain without a weight")
        return self

    def task(self, task_id: str) -> TaskStatement | None:
        return next((task for task in self.tasks if task.id == task_id), None)


class Synonyms(Strict):
    """`synonyms.yaml`: groups of words a learner may type for the same thing; the first is the deck's word."""

    groups: list[Annotated[list[Text], Field(min_length=2)]]
