"""Spotting "X vs Y", "difference between X and Y", "compare X and Y" and "X or / instead of Y" in a query.

The query is read word by word, once: finding the sides takes time in proportion to its length. (Patterns with a
lazy `.+?` before the separator were retried from every starting point, and took minutes over 100,000 characters.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"\S+")
# An opening word may follow punctuation ("(difference between ..."), as a regex \b would allow.
_LEADING_PUNCTUATION = re.compile(r"^[^\w]+")
_TRIM = " \t?!.,;:'\"()[]"


@dataclass(frozen=True)
class _Form:
    """One way of asking for a comparison: its opening words, one set per word (none: the sides start the query),
    and the words (or word pairs) between the two sides."""

    opening: tuple[frozenset[str], ...]
    separators: frozenset[str]


_VERSUS = frozenset({"vs", "vs.", "versus"})
_FORMS = (
    _Form((frozenset({"diff", "diffs", "difference", "differences"}), frozenset({"between", "of"})), _VERSUS | {"and", "&"}),
    _Form((frozenset({"compare", "comparing", "contrast"}),), _VERSUS | {"and", "&", "with", "to"}),
    _Form((), _VERSUS | {"v.", "compared to", "compared with"}),
)

_ALTERNATIVES = _Form(
    (),
    frozenset(
        {"or", "instead of", "rather than", "different from", "differ from", "differs from", "better than", "cheaper than", "faster than"}
    ),
)


def _words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    spans = [match.span() for match in _WORD.finditer(text)]
    return [text[start:end].casefold() for start, end in spans], spans


def _opening_end(form: _Form, words: list[str]) -> int | None:
    """The index of the first word after the form's first opening, or None if the query has no such opening."""
    size = len(form.opening)
    if not size:
        return 0
    for start in range(len(words) - size + 1):
        first = _LEADING_PUNCTUATION.sub("", words[start])
        if first in form.opening[0] and all(words[start + step] in form.opening[step] for step in range(1, size)):
            return start + size
    return None


def _separator(form: _Form, words: list[str], begin: int) -> tuple[int, int] | None:
    """The first separator after at least one word of the left side, with a word after it: (its index, its width)."""
    for index in range(begin + 1, len(words) - 1):
        pair = f"{words[index]} {words[index + 1]}"
        if pair in form.separators and index + 2 < len(words):
            return index, 2
        if words[index] in form.separators:
            return index, 1
    return None


def split_comparison(text: str) -> tuple[str, str] | None:
    """The two sides of a comparison query, or None when the query asks for one thing."""
    return _split(text, _FORMS)


def split_alternatives(text: str) -> tuple[str, str] | None:
    """The two sides of "X or Y", "X instead of Y", "X rather than Y" or "X different from Y". The sides are loose ("when
    should I use Kinesis Data Streams", "Firehose for logs"): they compare only when each names an entry."""
    return _split(text, (_ALTERNATIVES,))


def _split(text: str, forms: tuple[_Form, ...]) -> tuple[str, str] | None:
    words, spans = _words(text)
    for form in forms:
        begin = _opening_end(form, words)
        found = _separator(form, words, begin) if begin is not None else None
        if begin is None or found is None:
            continue
        index, width = found
        left = text[spans[begin][0] : spans[index - 1][1]].strip(_TRIM)
        right = text[spans[index + width][0] :].strip(_TRIM)
        if left and right:
            return left, right
    return None
