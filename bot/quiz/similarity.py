"""Text comparison for the second-right-answer guard: folding, the deck's synonyms, fuzzy need matching, coverage.

Texts are compared after folding case, punctuation and plurals, both as written and with the deck's synonyms
applied (photo -> image). Two needs match when rapidfuzz's token_set_ratio reaches FIT_THRESHOLD in either form:
it scores 100 whenever one side's words are a subset of the other's, so a keyword such as "anomaly detection"
inside a use case always counts. Erring towards "it matches" only ever costs a distractor, never correctness.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz

from bot.knowledge.deck import Synonyms
from bot.knowledge.models import Entry
from bot.matching.text import STOP_WORDS, fold, stem

# token_set_ratio (0-100) at or above which two texts describe the same need. On the MLS-C01 deck, 80 starts to
# pair unrelated needs that share one ordinary word besides a subset; 90 lets word-order and spelling variants of
# one need slip through.
FIT_THRESHOLD = 85.0
# A word used by more than this share of entries is too common to tell two entries apart.
COMMON_SHARE = 0.1


@lru_cache(maxsize=65536)
def plain(text: str) -> str:
    """Folded, stop words dropped, words stemmed: the need as written, before any synonym is applied."""
    return " ".join(stem(word) for word in fold(text).split() if len(word) > 1 and word not in STOP_WORDS)


def entry_texts(entry: Entry) -> list[str]:
    """Everything an entry says about itself: what its coverage of a need is measured against."""
    return [*entry.names, entry.summary, *entry.use_cases, *entry.keywords, *entry.facts, *getattr(entry, "problem_types", [])]


class Similarity:
    """Built once per deck: the synonym table compiled into one pattern, a word-rarity table, then cheap comparisons."""

    def __init__(self, synonyms: Synonyms, entries: Iterable[Entry]) -> None:
        entries = list(entries)
        heads: dict[str, str] = {}
        for group in synonyms.groups:
            for phrase in group:
                heads.setdefault(fold(phrase), fold(group[0]))
        heads.pop("", None)
        self._heads = heads
        phrases = sorted(heads, key=len, reverse=True)
        self._pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, phrases)) + r")\b") if phrases else None
        self._cache: dict[str, str] = {}
        self._names = {entry.id: [f" {fold(name)} " for name in entry.names if fold(name)] for entry in entries}
        self.profiles = {entry.id: frozenset(self.words(" ".join(entry_texts(entry)))) for entry in entries}
        counts = Counter(word for profile in self.profiles.values() for word in profile)
        total = len(self.profiles)
        self._rarity = {word: math.log((total + 1) / (count + 0.5)) for word, count in counts.items()}
        self._unknown = math.log((total + 1) / 0.5)
        self._common = {word for word, count in counts.items() if count > total * COMMON_SHARE}

    def normalise(self, text: str) -> str:
        """Folded, synonyms replaced by their group's first phrase, stop words dropped, plurals made singular."""
        if text not in self._cache:
            folded = fold(text)
            if self._pattern:
                folded = self._pattern.sub(lambda match: self._heads[match.group()], folded)
            self._cache[text] = plain(folded)
        return self._cache[text]

    def words(self, text: str) -> list[str]:
        return self.normalise(text).split()

    def distinctive(self, text: str) -> set[str]:
        """The words of `text` that few entries use, the ones that can tell two entries apart."""
        return {word for word in self.words(text) if word not in self._common}

    def names(self, text: str, entry: Entry) -> bool:
        """Whether `text` names `entry` (its name or an alias appears in it as whole words)."""
        padded = f" {fold(text)} "
        return any(name in padded for name in self._names[entry.id])

    def padded_names(self, entry_id: str) -> list[str]:
        """The entry's folded names with a space either side, for whole-word containment tests."""
        return self._names[entry_id]

    def same_need(self, left: str, right: str) -> bool:
        """Whether two texts describe the same need closely enough that one answer would serve both, compared with
        the synonyms applied and as written (a synonym can also pull apart two texts that share a word)."""
        pairs = ((self.normalise(left), self.normalise(right)), (plain(left), plain(right)))
        return any(a and b and fuzz.token_set_ratio(a, b) >= FIT_THRESHOLD for a, b in pairs)

    def relatedness(self, one_id: str, other_id: str) -> float:
        """How much two entries' descriptions overlap (0-1, rarity-weighted Jaccard): close ones make plausible options."""
        one, other = self.profiles[one_id], self.profiles[other_id]
        union = sum(self._rarity[word] for word in one | other)
        return sum(self._rarity[word] for word in one & other) / union if union else 0.0

    def coverage(self, need: str, entry_id: str) -> float:
        """The share (0-1) of the need's words, weighted by rarity, that the entry's own description also uses."""
        words = set(self.words(need))
        total = sum(self._rarity.get(word, self._unknown) for word in words)
        covered = sum(self._rarity[word] for word in words if word in self.profiles[entry_id])
        return covered / total if total else 0.0
