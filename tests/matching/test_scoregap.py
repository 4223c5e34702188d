"""Scores given in numbers: a training score far above a held-out one reads as the deck's words for overfitting."""

from __future__ import annotations

import pytest

from bot.app.ask import Asker
from bot.matching.pasted import parse_pasted
from bot.matching.scoregap import GAP_PHRASE, score_gap


@pytest.mark.parametrize(
    "text",
    [
        "The network yielded 99% accuracy on the training set but only 55% accuracy on the test set.",
        "Training accuracy reaches 99% but validation accuracy stays around 70% and keeps falling.",
        "Validation accuracy is 80% while training accuracy is 90%.",
        "model hits 99% on training data but only 70% on validation, whats going on",
        "It scores 97 percent on the training data and 81 percent on the holdout data.",
    ],
)
def test_a_training_score_well_above_a_held_out_one_is_a_gap(text: str) -> None:
    assert score_gap(text) == GAP_PHRASE


@pytest.mark.parametrize(
    "text",
    [
        "The records were split into 80% training and 20% test data; accuracy is poor.",
        "It uses 80% of the data for training and 20% for testing, and accuracy is 95%.",
        "The model reaches 92% accuracy on training and 91% on validation.",
        "The model scores 60% on the training data and 58% on the test data.",
        "The test set scores 90% and the training set 70%.",
        "The GPU sits at 20% utilization during training.",
        "Only 2% of claims are fraud, and a random 80/10/10 split left 9 fraud cases in the test portion.",
        "Accuracy on the training set is 99%.",
    ],
)
def test_sizes_small_gaps_and_single_scores_are_not(text: str) -> None:
    assert score_gap(text) is None


def test_a_pasted_stem_states_its_gap_as_a_requirement() -> None:
    pasted = parse_pasted(
        "A team trains an image classifier. It reaches 98% accuracy on the training set and 64% on the validation set. "
        "What should the team do?"
    )
    assert pasted is not None and GAP_PHRASE in pasted.requirements


@pytest.mark.parametrize(
    "query",
    [
        "A Machine Learning Specialist trains a convolutional neural network for image classification. Training accuracy "
        "reaches 99% but validation accuracy stays around 70% and gets worse with more epochs. What should the Specialist "
        "do to improve the model's performance on the validation data?",
        "my model gets 99% on training data but only 70% on validation, why",
    ],
)
def test_numbers_alone_point_to_overfitting_in_the_shipped_deck(shipped_asker: Asker, query: str) -> None:
    assert shipped_asker.ask(query).ranking[0].id == "overfitting"
