"""Adapter-neutral cards: what an entry shows a learner, rendered as text by the console and as embeds on Discord."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Algorithm, Entry, Metric, Trap


@dataclass(frozen=True)
class Lookalike:
    id: str
    name: str
    difference: str


@dataclass(frozen=True)
class EntryCard:
    id: str
    kind: str
    name: str
    aliases: list[str]
    domain: str
    summary: str
    facts: list[str]
    details: list[tuple[str, str]]
    lookalikes: list[Lookalike]
    url: str
    exams: list[str] = field(default_factory=list)
    # Other pages that state some of the facts shown, in the facts' order.
    sources: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        """Its kind, its domain and the exams it belongs to: "service · modeling · MLS-C01, MLA-C01"."""
        return " · ".join([self.kind, self.domain, *([", ".join(exam.upper() for exam in self.exams)] if self.exams else [])])


def _details(entry: Entry) -> list[tuple[str, str]]:
    if isinstance(entry, Algorithm):
        rows = [("Learning", entry.learning_type), ("Problems", ", ".join(entry.problem_types))]
        if entry.builtin:
            rows += [
                ("Input formats", ", ".join(entry.input_formats)),
                ("Instances", f"train {'/'.join(entry.training_instances).upper()}, "
                              f"infer {'/'.join(entry.inference_instances).upper()}"),
                ("Key hyperparameters", ", ".join(h.name for h in entry.hyperparameters)),
            ]
            if entry.instance_notes:
                rows.append(("Instance notes", entry.instance_notes))
        return rows
    if isinstance(entry, Metric):
        return [("Formula", entry.formula), ("Better", entry.better), ("Prefer when", "; ".join(entry.prefer_when))]
    if isinstance(entry, Trap):
        return [("Belief", entry.belief), ("Truth", entry.truth), ("Why", entry.why)]
    return []


def entry_card(kb: KnowledgeBase, entry: Entry, facts: list[str] | None = None) -> EntryCard:
    """The card of `entry`, showing `facts` (chosen for a query) or else all of them."""
    lookalikes = [
        Lookalike(link.id, kb.entries[link.id].name, link.difference) for link in entry.confusable_with
    ]
    facts = list(entry.facts) if facts is None else facts
    sources = dict.fromkeys(str(entry.source_of(fact)) for fact in facts)
    return EntryCard(
        id=entry.id,
        kind=entry.kind,
        name=entry.name,
        aliases=list(entry.aliases),
        domain=kb.info.title(entry.domain),
        summary=entry.summary,
        facts=facts,
        details=_details(entry),
        lookalikes=lookalikes,
        url=str(entry.url),
        exams=list(entry.exams),
        sources=[source for source in sources if source != str(entry.url)],
    )
