"""Exam traps: one at random to study, or the one that best fits a topic the learner names."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from bot.app.cards import EntryCard, entry_card
from bot.knowledge.base import KnowledgeBase
from bot.limits import NAME_CHARS, cut
from bot.matching import Matcher
from bot.matching.text import clean

# Below this share of the topic explained, a trap merely shares a common word with it ("data"): not a fit.
MIN_FIT = 0.1
# A link is never a topic, and its parts ("https", "example") would match entries that mention HTTP endpoints.
LINK = re.compile(r"\b(?:https?://|www\.)\S*", re.IGNORECASE)


@dataclass(frozen=True)
class TrapPick:
    """`topic` is the cleaned topic ("" for none); `fallback` says a topic was given, none fit, and the card is random."""

    card: EntryCard
    topic: str
    fallback: bool


def pick_trap(kb: KnowledgeBase, matcher: Matcher, topic: str = "", rng: random.Random | None = None) -> TrapPick | None:
    """The best-fitting trap for `topic`, else a random one; None only for a deck without traps."""
    traps = kb.of_kind("trap")
    if not traps:
        return None
    text = cut(clean(topic[:NAME_CHARS]).text, NAME_CHARS)  # cut again: cleaning (NFKC) can lengthen text
    if words := LINK.sub(" ", text).strip():
        for hit in matcher.search(words, len(kb.entries), scenarios=False):  # a topic, not a need: the fit is by its words
            entry = kb.entries[hit.entry_id]
            if entry.kind == "trap" and hit.score >= MIN_FIT:
                return TrapPick(entry_card(kb, entry), text, False)
    return TrapPick(entry_card(kb, (rng or random).choice(traps)), text, bool(text))
