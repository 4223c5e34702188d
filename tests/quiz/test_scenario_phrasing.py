"""A learner's use case read as the need in a drill's scenario: "A startup needs to ...", "needs a ...", or no
scenario at all when the use case is a sentence of its own, which no frame turns into English."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.loader import load_deck
from bot.quiz.templates.scenario import Phrasing

DECK = Path(__file__).resolve().parents[2] / "knowledge" / "mls-c01"


@pytest.fixture(scope="module")
def phrasing() -> Phrasing:
    return Phrasing(load_deck(DECK).entries.values())


@pytest.mark.parametrize(
    ("use_case", "need"),
    [
        ("screen uploaded images for explicit or violent content", "needs to screen uploaded images for explicit or violent content"),
        ("retrain, evaluate and register a model", "needs to retrain, evaluate and register a model"),
        ("automatically discover schemas of new files in s3", "needs to automatically discover schemas of new files in S3"),
        ("a b test two model versions on live traffic", "needs to A/B-test two model versions on live traffic"),
        ("catalog of open-source foundation models", "needs a catalog of open-source foundation models"),
        ("sentiment analysis of product reviews", "needs sentiment analysis of product reviews"),
        ("one place to grant access to data lake tables", "needs one place to grant access to data lake tables"),
        ("one-off report of last month's spend", "needs a one-off report of last month's spend"),
        ("xgboost objective metric for probability calibration", "needs an XGBoost objective metric for probability calibration"),
        ("cpu or gpu for k-means training", "needs a CPU or GPU for K-Means training"),
        ("many small similar models that are rarely called", "needs many small similar models that are rarely called"),
        ("a data lake that keeps storage separate from compute", "needs a data lake that keeps storage separate from compute"),
        ("join records on a cluster we size and tune ourselves", "needs to join records on a cluster they size and tune themselves"),
    ],
)
def test_a_need_reads_as_english(phrasing: Phrasing, use_case: str, need: str) -> None:
    assert phrasing.clause(use_case) == need


@pytest.mark.parametrize(
    "use_case",
    [
        "does linear learner normalize features for me",
        "model receives occasional requests at unpredictable moments",
        "each request takes several minutes and carries a large file",
        "scanned letters or pdfs must be converted to text before they can be analyzed",
        "objects with unpredictable access patterns should move between tiers",
        "one value per day per product and i need the values for the weeks ahead",
        "where do model artifacts go",
        ", ;",
    ],
)
def test_a_sentence_of_its_own_makes_no_scenario(phrasing: Phrasing, use_case: str) -> None:
    assert phrasing.clause(use_case) is None
