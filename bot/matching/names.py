"""Fuzzy matching of a short text against entry names and aliases (rapidfuzz), for "firehos" or "kinesis data stream"."""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz, process

from bot.matching.text import plain


class NameMatcher:
    def __init__(self, names: list[tuple[str, int]]) -> None:
        """`names` pairs every name and alias with the index of the entry it names."""
        self._choices: list[str] = []
        self._owners: list[int] = []
        by_length: defaultdict[int, list[int]] = defaultdict(list)
        for name, owner in names:
            key = plain(name)
            if key:
                by_length[len(key)].append(len(self._choices))
                self._choices.append(key)
                self._owners.append(owner)
        self._by_length = dict(by_length)
        self._reach: dict[tuple[int, float], tuple[list[int], list[str]]] = {}

    def _within_reach(self, length: int, cutoff: float) -> tuple[list[int], list[str]]:
        """The choices (numbers, keys) long and short enough to reach `cutoff` against a key of `length` characters,
        in their original order: fuzz.ratio is at most 200 * shorter / (both lengths). Kept per length and cutoff."""
        if (length, cutoff) not in self._reach:
            numbers = sorted(
                number
                for other, numbers in self._by_length.items()
                if 200 * min(length, other) >= cutoff * (length + other)
                for number in numbers
            )
            self._reach[length, cutoff] = numbers, [self._choices[number] for number in numbers]
        return self._reach[length, cutoff]

    def best(self, text: str, cutoff: float) -> tuple[int, float] | None:
        """The entry whose name `text` is closest to, with the similarity (0-100), if at least `cutoff`. Only names
        of a length that can reach `cutoff` are compared, which leaves out most of them."""
        key = plain(text)
        if not key:
            return None
        numbers, choices = self._within_reach(len(key), cutoff)
        found = process.extractOne(key, choices, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff)
        return (self._owners[numbers[found[2]]], found[1]) if found else None
