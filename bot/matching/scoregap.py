"""Scores a question gives in numbers, read as the words the deck uses for them.

"99% accuracy on the training set but only 55% on the test set" is the classic overfitting stem, yet the deck
says "large gap between training accuracy and test accuracy": a lexical matcher cannot see that 99 is far above 55,
and the stem's other words ("epochs", "worse") point as much to underfitting. A percentage tied to a data split is
read as that split's score; a training score well above a validation or test score becomes the deck's phrase.
"""

from __future__ import annotations

import re
from itertools import islice

# What a large gap is called in the deck (the overfitting entry's own wording).
GAP_PHRASE = "large gap between training accuracy and validation accuracy"
# How many percentage points a training score must lead a held-out score by to count as a gap.
GAP_POINTS = 10.0
_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b)", re.IGNORECASE)
_SPLIT = r"(train(?:ing)?|validation|valid|test(?:ing)?|hold-?out|held-out|evaluation|dev)"
# "... 99% [accuracy] on the training set", "55% in validation": the split named just after the number.
_AFTER = re.compile(rf"^(?:\s*[a-z0-9-]+){{0,2}}?\s+(?:on|in|for|against)\s+(?:the\s+|its\s+)?{_SPLIT}\b", re.IGNORECASE)
# "training accuracy reaches 99%", "validation accuracy is 80%": the split named just before it, in the same clause.
_BEFORE = re.compile(rf"\b{_SPLIT}\b(?:\s+(?:set|data|dataset|split))?(?:\s+[a-z0-9-]+){{0,4}}\s+$", re.IGNORECASE)
# "80% training and 20% test", "80% of the data for training": a split's size, not its score.
_SIZE = re.compile(
    rf"^\s*(?:(?:of|for)\s+(?:the\s+)?(?:data|records|rows|samples|examples|dataset)\s+)?(?:(?:for|as)\s+)?(?:the\s+)?{_SPLIT}\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[.;?!]")
_WINDOW = 60
# A stem gives a few scores; reading only the first few keeps a text of nothing but numbers as quick as a stem.
MAX_PERCENTS = 12


def score_gap(text: str) -> str | None:
    """The deck's phrase for overfitting when `text` gives a training score at least GAP_POINTS above a validation
    or test score, else None."""
    scores: dict[str, float] = {}
    for match in islice(_PERCENT.finditer(text), MAX_PERCENTS):
        after = _clause(text[match.end() : match.end() + _WINDOW], first=True)
        if _SIZE.match(after):
            continue
        split = _AFTER.match(after)
        if split is None:
            split = _BEFORE.search(_clause(text[max(0, match.start() - _WINDOW) : match.start()], first=False))
        if split:
            scores.setdefault("training" if split.group(1).lower().startswith("train") else "held-out", float(match.group(1)))
    if len(scores) == 2 and scores["training"] - scores["held-out"] >= GAP_POINTS:
        return GAP_PHRASE
    return None


def _clause(text: str, *, first: bool) -> str:
    """The part of `text` inside the clause the number sits in: up to the first clause end after it, or from the last
    one before it."""
    parts = _CLAUSE_END.split(text)
    return parts[0] if first else parts[-1]
