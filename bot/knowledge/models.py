"""Typed models of a deck's entries: what a YAML entry may and must say. Questions are in `questions`, the deck's
own description in `deck`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints, ValidationError, model_validator

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


class SourcedFact(Strict):
    """A fact stated on another page than its entry's `url`, written in YAML as `{text: ..., source: URL}`."""

    text: Text
    source: HttpUrl


_PLAIN_ERRORS = {"extra_forbidden": "unknown field", "missing": "required field is missing"}


def _sourced(index: int, fact: dict[str, object]) -> SourcedFact:
    """The fact at `facts[index]` given as a mapping; a mistake in it names its place, not the whole entry's."""
    try:
        return SourcedFact.model_validate(fact)
    except ValidationError as error:
        problems = "; ".join(
            f"facts[{index}].{'.'.join(str(part) for part in problem['loc'])}: {_PLAIN_ERRORS.get(problem['type'], problem['msg'])}"
            for problem in error.errors()
        )
        raise ValueError(f"{problems} (a fact with its own page is {{text: ..., source: URL}})") from None


class EntryBase(Strict):
    id: Slug
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    domain: Domain
    summary: Text
    use_cases: list[Text] = Field(default_factory=list)
    keywords: list[Text] = Field(default_factory=list)
    facts: list[Text] = Field(min_length=1)
    # Filled from the facts given as SourcedFact: each such fact's text and the page that states it.
    fact_sources: dict[str, HttpUrl] = Field(default_factory=dict)
    confusable_with: list[Confusable] = Field(default_factory=list)
    exams: list[ExamCode] = Field(min_length=1)
    url: HttpUrl

    @model_validator(mode="before")
    @classmethod
    def _sourced_facts(cls, data: object) -> object:
        """Facts stay plain text for everything that reads them; the ones given with their own page keep it aside."""
        if not isinstance(data, dict) or not any(isinstance(fact, dict) for fact in data.get("facts") or []):
            return data
        facts = [_sourced(index, fact) if isinstance(fact, dict) else fact for index, fact in enumerate(data["facts"])]
        sources = {fact.text: fact.source for fact in facts if isinstance(fact, SourcedFact)}
        texts = [fact.text if isinstance(fact, SourcedFact) else fact for fact in facts]
        return {**data, "facts": texts, "fact_sources": {**data.get("fact_sources", {}), **sources}}

    @model_validator(mode="after")
    def _sources_are_facts(self) -> EntryBase:
        if stray := set(self.fact_sources) - set(self.facts):
            raise ValueError(f"fact_sources names text that is not one of the facts: {sorted(stray)[0]!r}")
        return self

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]

    def source_of(self, fact: str) -> HttpUrl:
        """The page that states `fact`: its own when it has one, else the entry's."""
        return self.fact_sources.get(fact, self.url)


class Service(EntryBase):
    kind: Literal["service"]


class Concept(EntryBase):
    kind: Literal["concept"]
    # A way to frame a business problem (classification, regression, clustering...): what an exam stem describes,
    # seldom its answer unless the question asks how to frame the problem (bot/matching/pasted.py's FRAMING).
    problem_type: bool = False


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


