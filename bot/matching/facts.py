"""Which of an entry's facts a query speaks to, so its card shows those rather than simply the first few.

"Which Firehose feature writes Parquet?" should show Firehose's format-conversion fact, not that it was renamed. A
fact is scored by the query terms it shares, each worth its rarity in the deck; the entry's own name is left out, since
every fact of an entry is about it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from bot.knowledge.models import Entry
from bot.matching.index import bigrams, joined
from bot.matching.synonyms import SynonymTable
from bot.matching.text import compound_terms, terms

# What the shared terms must be worth for a fact to count as one the query speaks to: about one fairly specific word
# ("metastore", "bucket policy"), not a common one alone ("through", "data"). Set by reading the cards of the dev
# queries; on the authored questions, the fact an explanation leans on is shown for 74 % of stems, against 63 % with
# the first facts.
MIN_RELEVANCE = 2.0
# A long fact shares more terms with any query by its length alone, so a fact's score is divided by
# (1 - LENGTH_WEIGHT) + LENGTH_WEIGHT * its length / the entry's average fact length, as BM25 does for documents. On the
# authored questions this keeps the leaned-on fact shown as entries gain long facts (349 -> 355 of 489 stems) and
# changes nothing on the deck it was first measured on.
LENGTH_WEIGHT = 0.5


class FactRanker:
    """Scores each entry's facts by the query terms they share; an entry's fact terms are worked out once, when first
    asked for."""

    def __init__(self, synonyms: SynonymTable, rarity: Mapping[str, float]) -> None:
        self._synonyms = synonyms
        self._rarity = rarity
        self._facts: dict[str, dict[str, list[int]]] = {}
        self._norms: dict[str, list[float]] = {}

    def _terms(self, text: str) -> frozenset[str]:
        sequence = terms(text)
        return frozenset([*sequence, *compound_terms(text), *bigrams(sequence), *self._synonyms.tags(sequence)])

    def _facts_of(self, entry: Entry) -> dict[str, list[int]]:
        """Where each term of the entry's facts occurs (fact positions), less its own names' terms: every fact of an
        entry is about it."""
        found = self._facts.get(entry.id)
        if found is None:
            own = frozenset().union(*(self._terms(name) | set(joined(name)) for name in entry.names))
            found = defaultdict(list)
            lengths = [len(terms(fact)) for fact in entry.facts]
            for position, fact in enumerate(entry.facts):
                for term in self._terms(fact) - own:
                    found[term].append(position)
            self._facts[entry.id] = found = dict(found)
            average = max(sum(lengths) / len(lengths), 1.0) if lengths else 1.0
            self._norms[entry.id] = [1 - LENGTH_WEIGHT + LENGTH_WEIGHT * length / average for length in lengths]
        return found

    def pick(self, entries: Sequence[Entry], query: Mapping[str, float], count: int) -> list[list[str]]:
        """Up to `count` facts of each entry: those the weighted `query` terms speak to, most first, then the others in
        deck order."""
        worth = {term: weight * self._rarity[term] for term, weight in query.items() if term in self._rarity}
        picked = []
        for entry in entries:
            where = self._facts_of(entry)
            scores = [0.0] * len(entry.facts)
            for term in worth.keys() & where.keys():
                for position in where[term]:
                    scores[position] += worth[term]
            norms = self._norms[entry.id]
            scores = [score / norm if score >= MIN_RELEVANCE else 0.0 for score, norm in zip(scores, norms, strict=True)]
            ranked = sorted(range(len(scores)), key=lambda position: (-scores[position], position))
            picked.append([entry.facts[position] for position in ranked[:count]])
        return picked
