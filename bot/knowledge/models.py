"""Typed models of a deck's entries: what a YAML entry may and must say. Questions are in `questions`, the deck's
own description in `deck`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ExamCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,5}-c\d{2}$")]
# An exam domain: one of those its deck's deck.yaml lists (the loader checks which).
Domain = Slug


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


Entry = Annotated[Service | Algorithm | Metric | Concept | Trap, Field(discriminator="kind")]
ENTRY_KINDS = ("service", "algorithm", "metric", "concept", "trap")


