"""The loaded, validated knowledge base: entries and questions of one deck, with name look-up."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bot.knowledge.deck import CaseStudy, DeckInfo, Synonyms
from bot.knowledge.models import ENTRY_KINDS, Entry
from bot.knowledge.questions import AnyQuestion


def fold(text: str) -> str:
    """Case- and space-insensitive key for names."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class KnowledgeBase:
    info: DeckInfo
    entries: dict[str, Entry]
    questions: dict[str, AnyQuestion]
    synonyms: Synonyms = field(default_factory=lambda: Synonyms(groups=[]))
    cases: dict[str, CaseStudy] = field(default_factory=dict)
    # Where each item was read: (file relative to the deck's parent folder, line), for problems found after loading.
    origins: dict[str, tuple[Path, int | None]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        names: dict[str, str] = {}
        for entry in self.entries.values():
            for name in (entry.id, *entry.names):
                names.setdefault(fold(name), entry.id)
        object.__setattr__(self, "_names", names)

    def find(self, name: str) -> Entry | None:
        """An entry by id, name or alias, ignoring case."""
        entry_id = self._names.get(fold(name))  # type: ignore[attr-defined]
        return self.entries.get(entry_id) if entry_id else None

    def of_kind(self, kind: str) -> list[Entry]:
        return [entry for entry in self.entries.values() if entry.kind == kind]

    def weight(self, domain: str) -> int:
        return self.info.weights.get(domain, 0)

    def counts(self) -> Counter[str]:
        counts = Counter({kind: 0 for kind in ENTRY_KINDS})
        counts.update(entry.kind for entry in self.entries.values())
        counts["question"] = len(self.questions)
        return counts

    def summary(self) -> str:
        counts = self.counts()
        parts = ", ".join(f"{counts[kind]} {kind}s" for kind in (*ENTRY_KINDS, "question"))
        return f"{self.info.id}: {len(self.entries) + len(self.questions)} items ({parts})"
