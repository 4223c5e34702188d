"""What text of an entry is searchable, grouped into fields that count for more or less.

A use case, the summary and the kind-specific details say what an entry is for; facts say how it works and
often name other services, so they count a little less. Names count least per word: a query that names a
service is often asking about its neighbour ("send Rekognition results to human reviewers" is Augmented AI),
and a query that is only a name is caught by fuzzy name matching instead. Weights were chosen on held-out
use cases, the deck's questions and the checklist facts as well as the dev queries, not the dev queries alone.
"""

from __future__ import annotations

from bot.knowledge.models import Algorithm, Entry, Metric, Trap

# BM25F field weights: how much one occurrence of a term in that field is worth.
FIELD_WEIGHTS: dict[str, float] = {
    "names": 1.0,
    "use_cases": 2.0,
    "keywords": 1.5,
    "summary": 2.0,
    "details": 2.0,
    "facts": 1.5,
}


def _details(entry: Entry) -> list[str]:
    """Kind-specific text: algorithm properties, metric formula and uses, trap belief and truth."""
    if isinstance(entry, Algorithm):
        pieces = [f"{entry.learning_type} learning", *entry.problem_types, *entry.input_formats]
        pieces.append("built-in algorithm" if entry.builtin else "algorithm")
        pieces.extend(f"{parameter.name} {parameter.about}" for parameter in entry.hyperparameters)
        if entry.instance_notes:
            pieces.append(entry.instance_notes)
        return pieces
    if isinstance(entry, Metric):
        return [f"{entry.formula}", "metric", *entry.prefer_when]
    if isinstance(entry, Trap):
        return [entry.belief, entry.truth, entry.why]
    return []


def entry_fields(entry: Entry) -> dict[str, list[str]]:
    """The searchable text of `entry`, field by field, each a list of separate phrases."""
    return {
        "names": entry.names,
        "use_cases": list(entry.use_cases),
        "keywords": list(entry.keywords),
        "summary": [entry.summary],
        "details": _details(entry),
        "facts": list(entry.facts),
    }
