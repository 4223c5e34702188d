"""Spotting "X vs Y", "difference between X and Y" and "compare X and Y" in a query."""

from __future__ import annotations

import re

_PATTERNS = [
    re.compile(r"\bdiff(?:erence)?s?\s+(?:between|of)\s+(?P<left>.+?)\s+(?:and|&|vs\.?|versus)\s+(?P<right>.+)", re.IGNORECASE),
    re.compile(r"\b(?:compare|comparing|contrast)\s+(?P<left>.+?)\s+(?:and|with|to|vs\.?|versus|&)\s+(?P<right>.+)", re.IGNORECASE),
    re.compile(r"(?P<left>.+?)\s+(?:vs\.?|v\.|versus|compared\s+(?:to|with))\s+(?P<right>.+)", re.IGNORECASE),
]
_TRIM = " \t?!.,;:'\"()[]"


def split_comparison(text: str) -> tuple[str, str] | None:
    """The two sides of a comparison query, or None when the query asks for one thing."""
    for pattern in _PATTERNS:
        found = pattern.search(text)
        if found:
            left, right = found.group("left").strip(_TRIM), found.group("right").strip(_TRIM)
            if left and right:
                return left, right
    return None
