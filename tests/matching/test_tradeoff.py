"""A cost comparison's lesser side is left out, so the words of what matters less cannot pick the answer."""

from __future__ import annotations

import pytest

from bot.app.ask import Asker
from bot.matching.tradeoff import without_lesser


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Missing a fraud case is much more costly than flagging a good one for review. Which metric?",
         "Missing a fraud case is much more costly. Which metric?"),
        ("It is far worse to miss a sick patient than to send a healthy one for a test, so which metric?",
         "It is far worse to miss a sick patient, so which metric?"),
        ("False negatives are far more expensive than false positives.", "False negatives are far more expensive."),
    ],
)
def test_the_lesser_side_of_a_cost_comparison_is_left_out(text: str, kept: str) -> None:
    assert without_lesser(text) == kept


@pytest.mark.parametrize(
    "text",
    [
        "The dataset holds more than 10 GB of images.",
        "A model with more than 100 features costs more than the old one.",
        "The new model is worse than the old one on recall.",
    ],
)
def test_other_comparisons_are_kept_whole(text: str) -> None:
    assert without_lesser(text) == text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Flagging a good customer as fraud is much more costly than missing some fraud cases. Which metric should the "
         "team optimize?", "precision"),
        ("A hospital screening model: it is far worse to miss a sick patient than to send a healthy patient for one more "
         "test. Which metric matters most?", "recall"),
    ],
)
def test_the_side_that_matters_picks_the_metric_in_the_shipped_deck(shipped_asker: Asker, query: str, expected: str) -> None:
    assert shipped_asker.ask(query).ranking[0].id == expected
