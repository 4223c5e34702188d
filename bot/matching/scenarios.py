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
from collections import defaultdict
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
    one sum over its terms, as in the term index. Built with array operations: a dictionary per term would cost tens
    of megabytes while building."""

    def __init__(self, ids: Sequence[str], scenarios: Mapping[str, list[str]], analyse: Callable[[str], dict[str, float]]):
        self.size = len(ids)
        examples = [(number, analyse(text)) for number, entry_id in enumerate(ids) for text in scenarios.get(entry_id, ())]
        self.covered = np.zeros(self.size, dtype=bool)
        self.covered[[number for number, _ in examples]] = True
        vocabulary: dict[str, int] = {}
        rows: list[int] = []
        columns: list[int] = []
        found_weights: list[float] = []
        for row, (_, found) in enumerate(examples):
            for term, weight in found.items():
                if " " in term:  # word pairs: no better on the tuning sets than their words, and twice the terms
                    continue
                rows.append(row)
                columns.append(vocabulary.setdefault(term, len(vocabulary)))
                found_weights.append(weight)
        example_rows, terms = np.array(rows, dtype=np.intp), np.array(columns, dtype=np.intp)
        rarity = np.log((1 + len(examples)) / (1 + np.bincount(terms, minlength=len(vocabulary)))) + 1
        values = np.array(found_weights) * rarity[terms]
        lengths = np.sqrt(np.bincount(example_rows, weights=values**2, minlength=len(examples)))
        values /= np.where(lengths > 0, lengths, 1.0)[example_rows]
        entries = np.array([number for number, _ in examples], dtype=np.intp)[example_rows]
        totals = np.bincount(entries, weights=values, minlength=self.size)
        # log P(term | entry) = log(1 + sum / SMOOTHING) + the entry's base, so only seen (term, entry) pairs are stored.
        self._base = math.log(SMOOTHING) - np.log(totals + SMOOTHING * len(vocabulary))
        pairs, which = np.unique(terms * self.size + entries, return_inverse=True)
        self._entries = pairs % self.size
        self._weights = np.log1p(np.bincount(which, weights=values) / SMOOTHING)
        pair_terms = pairs // self.size
        starts = np.searchsorted(pair_terms, np.arange(len(vocabulary))).tolist()
        stops = np.searchsorted(pair_terms, np.arange(len(vocabulary)), side="right").tolist()
        self._terms = {term: (starts[index], stops[index], float(rarity[index])) for term, index in vocabulary.items()}

    def log_likelihood(self, found: Mapping[str, float]) -> np.ndarray:
        """Each entry's log-likelihood (up to a shared constant) of having the weighted terms `found` as a scenario."""
        known = [(self._terms[term], weight) for term, weight in found.items() if term in self._terms]
        values = [weight * rarity for (_, _, rarity), weight in known]
        length = math.sqrt(sum(value * value for value in values)) or 1.0
        runs = [((start, stop), value / length) for ((start, stop, _), _), value in zip(known, values, strict=True)]
        return self._base * (sum(values) / length) + summed_runs(self._entries, self._weights, runs, self.size)
