"""Which entries a text names outright, by any name or alias, as whole words.

The text is read left to right taking the longest name at each word, so "SageMaker Model Monitor" names Model Monitor
and not SageMaker as well.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from bot.knowledge.models import Entry
from bot.matching.text import fold


class Mentions:
    def __init__(self, entries: Iterable[Entry]) -> None:
        by_first: dict[str, set[tuple[tuple[str, ...], str]]] = defaultdict(set)
        for entry in entries:
            for name in entry.names:
                words = tuple(fold(name).split())
                if words:
                    by_first[words[0]].add((words, entry.id))
        self._by_first = {first: sorted(names, key=lambda pair: (-len(pair[0]), pair)) for first, names in by_first.items()}

    def named(self, text: str) -> set[str]:
        """The ids of the entries `text` names."""
        return set(self.in_order(text))

    def in_order(self, text: str) -> list[str]:
        """The ids of the entries `text` names, in the order it names them (each once)."""
        words = fold(text).split()
        found: dict[str, None] = {}
        position = 0
        while position < len(words):
            for name, entry_id in self._by_first.get(words[position], ()):
                if tuple(words[position: position + len(name)]) == name:
                    found[entry_id] = None
                    position += len(name)
                    break
            else:
                position += 1
        return list(found)
