"""/trap's choice: the trap that fits a topic, else one at random (and saying so)."""

from __future__ import annotations

import random
from pathlib import Path

from bot.app.traps import pick_trap
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_deck
from bot.matching import Matcher

NO_TRAPS = Path(__file__).resolve().parents[1] / "knowledge" / "fixtures" / "valid"


def test_a_topic_picks_the_trap_about_it(deck: KnowledgeBase) -> None:
    pick = pick_trap(deck, Matcher(deck), "<@123456789012345678> imbalanced data")
    assert pick and pick.card.id == "trap-accuracy-always-better"
    assert pick.topic == "imbalanced data" and not pick.fallback


def test_a_topic_no_trap_fits_gets_a_random_one_and_says_so(deck: KnowledgeBase) -> None:
    matcher = Matcher(deck)
    pick = pick_trap(deck, matcher, "bananas", random.Random(1))
    assert pick and pick.card.kind == "trap" and pick.fallback and pick.topic == "bananas"
    assert pick == pick_trap(deck, matcher, "bananas", random.Random(1))  # the same seed, the same trap


def test_a_link_in_the_topic_is_not_matched(deck: KnowledgeBase) -> None:
    # "https" would otherwise meet the entries that mention HTTP endpoints
    matcher = Matcher(deck)
    pick = pick_trap(deck, matcher, "https://kinesis.example/streams-vs-firehose", random.Random(1))
    assert pick and pick.fallback
    fits = pick_trap(deck, matcher, "imbalanced data, see www.example.com/notes")
    assert fits and fits.card.id == "trap-accuracy-always-better" and not fits.fallback


def test_no_topic_is_a_random_trap(deck: KnowledgeBase) -> None:
    matcher = Matcher(deck)
    picks = {pick_trap(deck, matcher, "", random.Random(seed)).card.id for seed in range(20)}  # type: ignore[union-attr]
    assert len(picks) > 1 and all(deck.entries[trap].kind == "trap" for trap in picks)


def test_a_deck_without_traps_has_none_to_give() -> None:
    kb = load_deck(NO_TRAPS)
    assert pick_trap(kb, Matcher(kb), "anything") is None
