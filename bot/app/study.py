"""The application layer: every feature the console and the Discord bot offer, as plain calls."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process

from bot.app.ask import Asker
from bot.app.cards import EntryCard, entry_card
from bot.app.learning import Learning
from bot.app.traps import TrapPick, pick_trap
from bot.knowledge.base import KnowledgeBase, fold
from bot.limits import NAME_CHARS


@dataclass(frozen=True)
class Lookup:
    """An entry found by name, or else the closest names to offer."""

    card: EntryCard | None
    suggestions: list[str]


class StudyApp:
    """Knowledge features need only the deck; `learning` (daily, practice, stats) is there once a store is open."""

    def __init__(self, kb: KnowledgeBase, learning: Learning | None = None, asker: Asker | None = None) -> None:
        self.kb = kb
        self.learning = learning
        if asker is not None:  # an index built before (the compiled deck's); otherwise built on first use
            self.asker = asker
        self._names: dict[str | None, dict[str, str]] = {None: {}}
        for entry in kb.entries.values():
            for name in entry.names:
                self._names[None][fold(name)] = entry.name
                self._names.setdefault(entry.kind, {})[fold(name)] = entry.name

    @cached_property
    def asker(self) -> Asker:
        """The ask feature; its index is built on first use (touch it at start-up to pay that cost early)."""
        return Asker(self.kb)

    def trap(self, topic: str = "") -> TrapPick | None:
        return pick_trap(self.kb, self.asker.matcher, topic)

    def suggest_names(self, text: str, limit: int = 3, kind: str | None = None) -> list[str]:
        """The entry names closest to `text` (by any of their names), best first; with nothing typed, the first
        names in alphabetical order, to browse."""
        choices = self._names.get(kind, {})
        text = text[:NAME_CHARS]
        if not text.strip():
            return sorted(set(choices.values()))[:limit]
        found: list[str] = []
        for _, _, key in process.extract(fold(text), choices, scorer=fuzz.WRatio, limit=limit * 4):
            if choices[key] not in found:
                found.append(choices[key])
        return found[:limit]

    def show(self, name: str, kind: str | None = None) -> Lookup:
        name = name[:NAME_CHARS]
        entry = self.kb.find(name)
        if entry and (kind is None or entry.kind == kind):
            return Lookup(entry_card(self.kb, entry), [])
        return Lookup(None, self.suggest_names(name, kind=kind))
