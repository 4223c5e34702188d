"""Typo repair picks the same word whatever order the vocabulary came in (a set's order changes with the hash seed)."""

from __future__ import annotations

from itertools import permutations

import pytest

from bot.matching.spelling import Speller

# Five known words one edit from "carx"; the commonest, "care", must win even when it is listed last.
VOCABULARY = {"cart": 1, "card": 1, "carp": 1, "cars": 1, "care": 5}


@pytest.mark.parametrize("order", list(permutations(VOCABULARY))[::7])
def test_the_commonest_equally_close_word_wins_in_any_order(order: tuple[str, ...]) -> None:
    assert Speller({word: VOCABULARY[word] for word in order}).correct("carx") == "care"


def test_among_equally_common_words_the_first_alphabetically_wins() -> None:
    assert Speller({"cars": 1, "cart": 1, "card": 1}).correct("carx") == "card"
