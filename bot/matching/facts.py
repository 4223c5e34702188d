"""Which of an entry's facts a query speaks to, so its card shows those rather than simply the first few.

"Which Firehose feature writes Parquet?" should show Firehose's format-conversion fact, not that it was renamed. A
fact is scored by the query terms it shares, each worth its rarity in the deck; the entry's own name is left out, since
every fact of an entry is about it. Facts are picked one at a time, and a term an earlier pick already shows counts
less, so a card's facts speak to different parts of the question rather than twice to the same one.
"""

from __future__ import annotations

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
# What a query term is still worth to a fact once an earlier pick on the card shares it. On the authored questions the
# leaned-on fact is shown for 353 of 490 stems without the discount, 357 at 0.7, 359 at 0.5, 352 at 0.3 and 348 at 0
# (counting only new terms drops the second fact that says more about the same need).
REPEAT_WORTH = 0.5


class FactRanker:
    """Scores each entry's facts by the query terms they share; an entry's fact terms are worked out once, when first
    asked for."""

    def __init__(self, synonyms: SynonymTable, rarity: Mapping[str, float]) -> None:
        self._synonyms = synonyms
        self._rarity = rarity
        self._facts: dict[str, list[frozenset[str]]] = {}
        self._norms: dict[str, list[float]] = {}

    def _terms(self, text: str) -> frozenset[str]:
        sequence = terms(text)
        return frozenset([*sequence, *compound_terms(text), *bigrams(sequence), *self._synonyms.tags(sequence)])

    def _facts_of(self, entry: Entry) -> list[frozenset[str]]:
        """Each fact's terms, less the entry's own names' terms: every fact of an entry is about it."""
        found = self._facts.get(entry.id)
        if found is None:
            own = frozenset().union(*(self._terms(name) | set(joined(name)) for name in entry.names))
            found = self._facts[entry.id] = [self._terms(fact) - own for fact in entry.facts]
            lengths = [len(terms(fact)) for fact in entry.facts]
            average = max(sum(lengths) / len(lengths), 1.0) if lengths else 1.0
            self._norms[entry.id] = [1 - LENGTH_WEIGHT + LENGTH_WEIGHT * length / average for length in lengths]
        return found

    def pick(self, entries: Sequence[Entry], query: Mapping[str, float], count: int) -> list[list[str]]:
        """Up to `count` facts of each entry: those the weighted `query` terms speak to, most first (see REPEAT_WORTH),
        then the others in deck order."""
        worth = {term: weight * self._rarity[term] for term, weight in query.items() if term in self._rarity}
        return [[entry.facts[position] for position in self._order(entry, worth, count)] for entry in entries]

    def _order(self, entry: Entry, worth: Mapping[str, float], count: int) -> list[int]:
        """The positions of the entry's facts to show, best first."""
        shared = [fact & worth.keys() for fact in self._facts_of(entry)]
        norms = self._norms[entry.id]
        relevant = [position for position, found in enumerate(shared) if sum(worth[term] for term in found) >= MIN_RELEVANCE]
        shown: set[str] = set()
        order: list[int] = []
        while relevant and len(order) < count:
            best = min(relevant, key=lambda position: (-_score(shared[position], worth, shown) / norms[position], position))
            order.append(best)
            relevant.remove(best)
            shown |= shared[best]
        return order + [position for position in range(len(entry.facts)) if position not in order][: count - len(order)]


def _score(found: frozenset[str], worth: Mapping[str, float], shown: set[str]) -> float:
    return sum(worth[term] * (REPEAT_WORTH if term in shown else 1.0) for term in found)
