"""A BM25F-style weighted term index over the entries, precomputed so a query is a few dictionary look-ups.

Every term's contribution to every entry (field weights, length normalisation, saturation, rarity) is
fixed at build time; answering a query only adds up the posting lists of its terms.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from itertools import pairwise

import numpy as np

from bot.matching.synonyms import SynonymTable
from bot.matching.text import STOP_WORDS, compound_terms, stem, terms, words

K1 = 1.2
# Length normalisation per field: a long fact list dilutes each fact a little more than a long alias list.
B = {"names": 0.5, "use_cases": 0.5, "keywords": 0.5, "summary": 0.5, "details": 0.6, "facts": 0.6}


def bigrams(phrase_terms: list[str]) -> list[str]:
    """Adjacent term pairs: a phrase ('custom vocabulary') is worth more than its words apart."""
    return [f"{left} {right}" for left, right in pairwise(phrase_terms)]


def joined(phrase: str) -> list[str]:
    """Adjacent words run together ('ground truth' -> 'groundtruth'), for learners who type names that way."""
    content = [word for word in words(phrase) if len(word) > 1 and word not in STOP_WORDS]
    return [stem(left + right) for left, right in pairwise(content)]


def summed_runs(documents: np.ndarray, contributions: np.ndarray, runs: list[tuple[tuple[int, int], float]], size: int) -> np.ndarray:
    """Each of `size` documents' total over posting runs ((start, stop) in the two flat arrays, and a weight for the
    run): what storing every posting in two arrays buys, one call for a whole query."""
    if not runs:
        return np.zeros(size)
    found = np.concatenate([documents[start:stop] for (start, stop), _ in runs])
    values = np.concatenate([contributions[start:stop] for (start, stop), _ in runs])
    values *= np.repeat([weight for _, weight in runs], [stop - start for (start, stop), _ in runs])
    return np.bincount(found, weights=values, minlength=size)


class TermIndex:
    def __init__(self, documents: list[Mapping[str, list[str]]], weights: Mapping[str, float], synonyms: SynonymTable) -> None:
        self.synonyms = synonyms
        self.size = len(documents)
        self.run_together: set[str] = set()
        fields = [self._analyse(document) for document in documents]
        lengths = {name: sum(sum(doc[name].values()) for doc in fields) / max(1, self.size) or 1.0 for name in weights}
        pseudo: list[dict[str, float]] = []
        document_frequency: Counter[str] = Counter()
        for doc in fields:
            tf: dict[str, float] = defaultdict(float)
            for name, counts in doc.items():
                norm = 1 - B[name] + B[name] * sum(counts.values()) / lengths[name]
                for term, count in counts.items():
                    tf[term] += weights[name] * count / norm
            pseudo.append(tf)
            document_frequency.update(tf.keys())
        self.idf = {term: math.log(1 + (self.size - df + 0.5) / (df + 0.5)) for term, df in document_frequency.items()}
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for doc_index, tf in enumerate(pseudo):
            for term, value in tf.items():
                postings[term].append((doc_index, self.idf[term] * value * (K1 + 1) / (K1 + value)))
        # All postings in two flat arrays (the documents, and what the term adds to each), so a query sums its terms'
        # runs in one call; `postings` says where each term's run lies. Two arrays also unpickle in no time, where
        # an array per term (tens of thousands) cost most of a warm start.
        self.postings: dict[str, tuple[int, int]] = {}
        documents: list[int] = []
        contributions: list[float] = []
        for term, found in postings.items():
            self.postings[term] = (len(documents), len(documents) + len(found))
            documents.extend(doc for doc, _ in found)
            contributions.extend(value for _, value in found)
        self._documents = np.array(documents, dtype=np.intp)
        self._contributions = np.array(contributions)
        self.unigrams = {term for term in self.postings if " " not in term and not term.startswith("~")}
        self.document_frequency = document_frequency
        # What a query word found in a single entry would be worth there at most.
        self.rare_term = math.log(1 + (self.size - 0.5) / 1.5) * (K1 + 1)

    def _analyse(self, document: Mapping[str, list[str]]) -> dict[str, Counter[str]]:
        fields: dict[str, Counter[str]] = {}
        for name, phrases in document.items():
            counts: Counter[str] = Counter()
            for phrase in phrases:
                phrase_terms = terms(phrase)
                counts.update(phrase_terms)
                counts.update(compound_terms(phrase))
                counts.update(bigrams(phrase_terms))
                counts.update(self.synonyms.tags(phrase_terms))
                if name == "names":
                    run_together = joined(phrase)
                    counts.update(run_together)
                    self.run_together.update(run_together)
            fields[name] = counts
        return fields

    def score(self, weighted_terms: Iterable[tuple[str, float]]) -> np.ndarray:
        """Each document's score for the query terms (each term counted once, at its weight)."""
        runs = [(self.postings[term], weight) for term, weight in weighted_terms if term in self.postings]
        return summed_runs(self._documents, self._contributions, runs, self.size)

    def ceiling(self, weighted_terms: Iterable[tuple[str, float]]) -> float:
        """The score a document matching every known query term perfectly would get: the scale for confidence."""
        return sum(weight * self.idf.get(term, 0.0) * (K1 + 1) for term, weight in weighted_terms)
