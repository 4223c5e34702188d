"""Typo repair: a query word the index has never seen is replaced by the closest word it has (rapidfuzz)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from rapidfuzz import process
from rapidfuzz.distance import OSA

MIN_LENGTH = 4
CACHE_SIZE = 4096


def allowed_edits(word: str) -> int:
    """One slip in a short word, two in a long one; more would turn real words into other words."""
    return 1 if len(word) < 8 else 2


class Speller:
    def __init__(self, vocabulary: Mapping[str, int]) -> None:
        """`vocabulary` maps each known word to how many entries use it (ties go to the commoner word)."""
        self._frequency = dict(vocabulary)
        # Candidates by (first letter, length): people rarely mistype the first letter, and real words that
        # differ from a known word only there ("bread"/"read") must not be "corrected".
        self._buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in vocabulary:
            if word.isalpha() and len(word) >= MIN_LENGTH - 1:
                self._buckets[word[0], len(word)].append(word)
        self._cache: dict[str, str | None] = {}

    def correct(self, word: str) -> str | None:
        """The known word closest to `word` within the allowed edits, or None (known or hopeless words)."""
        if word in self._frequency or len(word) < MIN_LENGTH or not word.isalpha():
            return None
        if word in self._cache:
            return self._cache[word]
        edits = allowed_edits(word)
        best: tuple[int, int, str] | None = None
        for length in range(len(word) - edits, len(word) + edits + 1):
            for candidate, distance, _ in process.extract(
                word, self._buckets.get((word[0], length), ()), scorer=OSA.distance, score_cutoff=edits, limit=None
            ):
                key = (int(distance), -self._frequency[candidate], candidate)
                if best is None or key < best:
                    best = key
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()
        self._cache[word] = best[2] if best else None
        return self._cache[word]
