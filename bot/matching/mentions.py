"""Which entries a text names outright, by any name or alias, as whole words.

Where names overlap the longest one wins, so "SageMaker Model Monitor" names Model Monitor and not SageMaker as well.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from bot.knowledge.models import Entry
from bot.matching.text import fold

# "What is X ...?", "Explain X", "Tell me about X": a question about the entry it names first.
_DEFINITION = re.compile(
    r"^\s*(?:what\s*(?:is|are|does|do|'s|’s)|define|explain|describe|tell me about|how does|how do)\s+(?:(?:an?|the)\s+)?(.+)$",
    re.IGNORECASE,
)
_LAST_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# "Can X ...?", "Does X ...?", "When should I use X?": a yes-or-no or when question about the entry named right after.
_ABOUT = re.compile(
    r"^\s*(?:can|could|does|do|is|are|will|would|(?:when|why)\s+(?:should|would|do|could)\s+(?:i|we|you)\s+use)"
    r"\s+(?:(?:an?|the)\s+)?(.+)$",
    re.IGNORECASE,
)
# What may follow the name in such a question: nothing, a last "for", or words that keep it about the name ("X used
# for", "the recall of this model"), not ones that make the name a qualifier ("SageMaker built-in algorithms for ...").
_AFTER_DEFINED = frozenset(
    {"used", "use", "do", "does", "mean", "means", "in", "of", "and", "exactly", "actually", "really", "work", "works", "good"}
)


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
        """The ids of the entries `text` names, in the order it names them (each once). Where names overlap the longest
        wins ("AWS Glue crawler" is the crawler, not AWS Glue)."""
        words = fold(text).split()
        found = [
            (position, position + len(name), len(" ".join(name)), entry_id)
            for position, word in enumerate(words)
            for name, entry_id in self._by_first.get(word, ())
            if tuple(words[position: position + len(name)]) == name
        ]
        taken: set[int] = set()
        kept = []
        for start, end, _, entry_id in sorted(found, key=lambda match: (-match[2], match[0])):
            if not taken & set(range(start, end)):
                taken.update(range(start, end))
                kept.append((start, entry_id))
        return list(dict.fromkeys(entry_id for _, entry_id in sorted(kept)))

    def defined(self, text: str) -> str | None:
        """The id of the entry a "what is X" or "can X" question (the text's last sentence) asks about: the longest name
        right after the cue, followed (after "what is") by nothing or by words that keep the question about it; None
        for any other text."""
        sentence = _LAST_SENTENCE.split(text.strip())[-1]
        about = _ABOUT.match(sentence)
        cue = about or _DEFINITION.match(sentence)
        if not cue:
            return None
        words = fold(cue.group(1)).split()
        first = words[0] if words else ""
        names = [(name, entry_id) for name, entry_id in self._by_first.get(first, ()) if tuple(words[: len(name)]) == name]
        if not names:
            return None
        name, entry_id = names[0]
        rest = words[len(name):]
        if about:
            return None if rest[:1] in (["or"], ["vs"], ["versus"]) else entry_id  # "Is Glue or EMR better ...?" asks about both
        return entry_id if not rest or rest[0] in _AFTER_DEFINED or rest == ["for"] else None
