"""The application layer: every feature the console and the Discord bot offer, as plain calls."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from bot.app.ask import SUGGESTIONS, Answer, Asker, AskResult, NotSure
from bot.app.cards import EntryCard, entry_card
from bot.app.learning import Learning
from bot.app.traps import TrapPick, pick_trap
from bot.knowledge.base import KnowledgeBase, fold
from bot.limits import NAME_CHARS

if TYPE_CHECKING:
    from bot.app.library import StudyApps

# How much better another exam's best entry must score before it replaces this exam's confident answer: scores of
# two decks are only roughly comparable, so only a clear win counts.
OTHER_DECK_MARGIN = 1.5


@dataclass(frozen=True)
class Lookup:
    """An entry found by name, or else the closest names to offer."""

    card: EntryCard | None
    suggestions: list[str]


class StudyApp:
    """One exam's features. Knowledge features need only its deck; `learning` (daily, practice, stats) is there once a
    store is open; `apps` reaches the other exams served, for what this exam's deck does not hold."""

    def __init__(
        self, kb: KnowledgeBase, learning: Learning | None = None, asker: Asker | None = None, *, apps: StudyApps | None = None
    ) -> None:
        self.kb = kb
        self.learning = learning
        self.apps = apps
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

    @property
    def exam(self) -> str:
        return self.kb.info.id

    def ask(self, query: str, k: int = SUGGESTIONS) -> AskResult:
        """This exam's answer, unless its deck has nothing that fits or another exam's deck holds an entry that fits
        far better (MLA-C01 has no Snowball Edge, and would offer FSx for Lustre for moving petabytes): then that
        exam's answer, marked as that exam's only."""
        result = self.asker.ask(query, k)
        if not isinstance(result.outcome, NotSure | Answer) or self.apps is None:
            return result
        beaten = OTHER_DECK_MARGIN * result.ranking[0].score if isinstance(result.outcome, Answer) and result.ranking else 0.0
        if beaten > 1.0:  # scores are shares of the query (at most 1): nothing can win by the margin, so no other deck loads
            return result
        for other in self.apps.others(self.exam):
            found = other.asker.ask(query, k)
            if (
                isinstance(found.outcome, Answer) and found.outcome.card.id not in self.kb.entries
                and found.ranking and found.ranking[0].score >= beaten
            ):
                only = f"{found.outcome.card.name} is in the {other.kb.info.label} deck, not in the {self.kb.info.label} deck."
                return replace(found, notes=[*found.notes, only])
        return result

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
        """The entry named, from this exam's deck, else from another exam's (its card lists the exams it belongs to)."""
        name = name[:NAME_CHARS]
        for app in [self, *(self.apps.others(self.exam) if self.apps else [])]:
            entry = app.kb.find(name)
            if entry and (kind is None or entry.kind == kind):
                return Lookup(entry_card(app.kb, entry), [])
        return Lookup(None, self.suggest_names(name, kind=kind))
