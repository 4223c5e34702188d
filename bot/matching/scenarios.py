"""Which entry an exam scenario is about, learned from exam-style scenarios written for each entry
(`scenarios.tsv`: an entry id, a tab, one scenario per line): a multinomial naive Bayes over the matcher's own terms.

The deck says what an entry is; an exam stem describes a situation ("a regression sometimes predicts negative order
counts") whose answer the deck's words may not name. The scenarios teach which situation words point to which entry.
Helpers who saw only the entries wrote them for this (fourteen per entry, the answer unnamed in most); none shares a
10-word run with a stem they are measured on (tests/matching/test_scenarios.py), and by TF-IDF cosine none is
closer than 0.45 to one.
Like meaning, the model only reorders a pasted question's lexical leaders.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np

from bot.matching.index import summed_runs

SCENARIOS = Path(__file__).parent / "scenarios.tsv"
# Additive smoothing of the per-entry term distributions (chosen on the dev stems and the authored prompts; 0.03-0.3
# all help there).
SMOOTHING = 0.1


def read_scenarios(path: Path = SCENARIOS) -> dict[str, list[str]]:
    """The scenarios of each entry id."""
    scenarios: dict[str, list[str]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        entry_id, _, text = line.partition("\t")
        if text.strip():
            scenarios[entry_id.strip()].append(text.strip())
    return dict(scenarios)


class ScenarioModel:
    """Naive Bayes over term vectors (rarity-weighted, unit length), stored as flat posting arrays: scoring a text is
    one sum over its terms, as in the term index."""

    def __init__(self, ids: Sequence[str], scenarios: Mapping[str, list[str]], analyse: Callable[[str], dict[str, float]]):
        self.size = len(ids)
        examples = [(number, analyse(text)) for number, entry_id in enumerate(ids) for text in scenarios.get(entry_id, ())]
        self.covered = np.zeros(self.size, dtype=bool)
        self.covered[[number for number, _ in examples]] = True
        frequency = Counter(term for _, found in examples for term in found)
        self._rarity = {term: math.log((1 + len(examples)) / (1 + count)) + 1 for term, count in frequency.items()}
        sums: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
        totals = np.zeros(self.size)
        for number, found in examples:
            for term, value in self._vector(found).items():
                sums[term][number] += value
                totals[number] += value
        # log P(term | entry) = log(1 + sum / SMOOTHING) + the entry's base, so only seen (term, entry) pairs are stored.
        self._base = math.log(SMOOTHING) - np.log(totals + SMOOTHING * len(self._rarity))
        self._postings: dict[str, tuple[int, int]] = {}
        entries: list[int] = []
        weights: list[float] = []
        for term, by_entry in sums.items():
            self._postings[term] = (len(entries), len(entries) + len(by_entry))
            entries.extend(by_entry)
            weights.extend(math.log1p(value / SMOOTHING) for value in by_entry.values())
        self._entries = np.array(entries, dtype=np.intp)
        self._weights = np.array(weights)

    def _vector(self, found: Mapping[str, float]) -> dict[str, float]:
        vector = {term: weight * self._rarity[term] for term, weight in found.items() if term in self._rarity}
        length = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        return {term: value / length for term, value in vector.items()}

    def log_likelihood(self, found: Mapping[str, float]) -> np.ndarray:
        """Each entry's log-likelihood (up to a shared constant) of having the weighted terms `found` as a scenario."""
        vector = self._vector(found)
        runs = [(self._postings[term], value) for term, value in vector.items() if term in self._postings]
        return self._base * sum(vector.values()) + summed_runs(self._entries, self._weights, runs, self.size)
