"""Fuzzy matching of a short text against entry names and aliases (rapidfuzz), for "firehos" or "kinesis data stream"."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from bot.matching.text import plain


class NameMatcher:
    def __init__(self, names: list[tuple[str, int]]) -> None:
        """`names` pairs every name and alias with the index of the entry it names."""
        self._choices: list[str] = []
        self._owners: list[int] = []
        for name, owner in names:
            key = plain(name)
            if key:
                self._choices.append(key)
                self._owners.append(owner)
        self._longest = max(map(len, self._choices), default=0)

    def best(self, text: str, cutoff: float) -> tuple[int, float] | None:
        """The entry whose name `text` is closest to, with the similarity (0-100), if at least `cutoff`."""
        key = plain(text)
        # fuzz.ratio is at most 200 * shorter / (both lengths): a pasted question's sentence is too long to reach
        # `cutoff` against any name, and is skipped without comparing it to all of them.
        if not key or 200 * self._longest < cutoff * (len(key) + self._longest):
            return None
        found = process.extractOne(key, self._choices, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff)
        return (self._owners[found[2]], found[1]) if found else None
