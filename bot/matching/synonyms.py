"""The deck's synonym table as terms: any phrase of a group, typed or written, adds the group's tag.

Tagging both the knowledge-base text and the query (rather than rewriting one into the other) means
'speech to text' in a query meets 'transcription' in an entry, whichever of the two words each side used.
"""

from __future__ import annotations

from collections import defaultdict

from bot.knowledge.deck import Synonyms
from bot.matching.text import terms


class SynonymTable:
    def __init__(self, synonyms: Synonyms) -> None:
        # first term of a phrase -> [(phrase terms, group tag)], longest phrases first
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for number, group in enumerate(synonyms.groups):
            tag = f"~{number}"
            for phrase in group:
                phrase_terms = tuple(terms(phrase))
                if phrase_terms:
                    self._phrases[phrase_terms[0]].append((phrase_terms, tag))
        for candidates in self._phrases.values():
            candidates.sort(key=lambda candidate: -len(candidate[0]))

    def tags(self, text_terms: list[str]) -> list[str]:
        """The group tags of every synonym phrase occurring in `text_terms` (in order, repeats kept)."""
        found: list[str] = []
        for start, term in enumerate(text_terms):
            for phrase, tag in self._phrases.get(term, ()):
                if tuple(text_terms[start : start + len(phrase)]) == phrase:
                    found.append(tag)
                    break
        return found
