"""`deck.yaml` and `synonyms.yaml`: the exam a deck prepares for, its domains, task statements and format, the decks
whose entries it shares, and the words learners use for the same thing."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, model_validator

from bot.knowledge.models import Domain, ExamCode, Slug, Strict, Text
from bot.knowledge.questions import TaskId


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


class ExamDomain(Strict):
    """One content domain of the exam: its id, its title, the short name learners type, and its weight (percent)."""

    id: Domain
    title: Text
    short: Slug
    weight: int = Field(ge=0, le=100)


class TaskStatement(Strict):
    """One task statement of the exam guide ("3.2 Select the appropriate model(s) for a given ML problem")."""

    id: TaskId
    domain: Domain
    title: Text


class DeckInfo(Strict):
    """`deck.yaml`. A deck may share another deck's entries: those tagged with this deck's exam belong to it too, each
    taking this deck's domain through `domain_map` (by its own deck's domain) or `entry_domains` (by entry)."""

    id: ExamCode
    name: Text
    status: Text | None = None
    # The day AWS retired the exam, if it has: such a deck is kept for those still studying it, and labelled so.
    retired: date | None = None
    domains: list[ExamDomain] = Field(min_length=1)
    shares: list[ExamCode] = Field(default_factory=list)
    domain_map: dict[Domain, Domain] = Field(default_factory=dict)
    entry_domains: dict[Slug, Domain] = Field(default_factory=dict)
    tasks: list[TaskStatement] = Field(default_factory=list)
    format: ExamFormat | None = None

    @model_validator(mode="after")
    def _sound(self) -> DeckInfo:
        ids = [domain.id for domain in self.domains]
        if sum(domain.weight for domain in self.domains) != 100:
            raise ValueError("domain weights must add up to 100")
        for what, names in (("domain ids", ids), ("domain short names", [domain.short for domain in self.domains]),
                            ("task statement ids", [task.id for task in self.tasks])):
            if len(set(names)) != len(names):
                raise ValueError(f"{what} must be unique")
        stray = [task.id for task in self.tasks if task.domain not in ids]
        stray += [f"{key} -> {value}" for key, value in [*self.domain_map.items(), *self.entry_domains.items()] if value not in ids]
        if stray:
            raise ValueError(f"not one of this deck's domains: {', '.join(stray)}")
        return self

    @property
    def code(self) -> str:
        """The exam's code as AWS writes it ("MLA-C01")."""
        return self.id.upper()

    @property
    def label(self) -> str:
        """The code, and the retirement date of a retired exam: what a learner picks an exam by."""
        return f"{self.code} (retired {self.retired.isoformat()})" if self.retired else self.code

    @property
    def weights(self) -> dict[str, int]:
        return {domain.id: domain.weight for domain in self.domains}

    def title(self, domain: str) -> str:
        return next((known.title for known in self.domains if known.id == domain), domain)

    def domain(self, text: str | None) -> str | None:
        """A domain from its id, its short name or the start of its id ("eda", "data engineering"), else None."""
        wanted = "-".join((text or "").strip().lower().split())
        if not wanted:
            return None
        for known in self.domains:
            if wanted in (known.id, known.short):
                return known.id
        return next((known.id for known in self.domains if known.id.startswith(wanted)), None)

    def task(self, task_id: str) -> TaskStatement | None:
        return next((task for task in self.tasks if task.id == task_id), None)


class Synonyms(Strict):
    """`synonyms.yaml`: groups of words a learner may type for the same thing; the first is the deck's word."""

    groups: list[Annotated[list[Text], Field(min_length=2)]]


class CaseStudy(Strict):
    """One scenario that several questions share, shown above each of them (`cases.yaml` lists them)."""

    id: Slug
    title: Text
    scenario: Text
