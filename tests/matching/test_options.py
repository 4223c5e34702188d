"""A pasted question's options are found in the forms people paste them, and nothing in a setup is taken for them."""

from __future__ import annotations

import pytest

from bot.app.ask import Asker, QuestionTests
from bot.matching.options import split_options
from bot.matching.pasted import parse_pasted

STEM = (
    "A company streams clickstream events and must land them in Amazon S3 as Parquet without managing servers. "
    "Which service should it use?"
)
CHOICES = ["Amazon Data Firehose", "Amazon Kinesis Data Streams", "AWS Glue", "Amazon EMR"]
LETTERED = [("A", "Amazon Data Firehose"), ("B", "Amazon Kinesis Data Streams"), ("C", "AWS Glue"), ("D", "Amazon EMR")]
LABELS = {
    "A.": lambda n: f"{'ABCD'[n]}. ",
    "a)": lambda n: f"{'abcd'[n]}) ",
    "(A)": lambda n: f"({'ABCD'[n]}) ",
    "**A.**": lambda n: f"**{'ABCD'[n]}.** ",
    "Option A:": lambda n: f"Option {'ABCD'[n]}: ",
    "1.": lambda n: f"{n + 1}. ",
    "- [ ]": lambda n: "- [ ] ",
    "•": lambda n: "• ",
}
# Only line breaks can mark these; the others are found run together too (Discord's slash commands drop line breaks).
LINES_ONLY = {"A -": lambda n: f"{'ABCD'[n]} - ", "-": lambda n: "- ", "*": lambda n: "* ", "no label": lambda n: ""}


@pytest.mark.parametrize("form", sorted(LABELS | LINES_ONLY))
def test_options_one_per_line_are_found_in_every_common_form(form: str) -> None:
    label = (LABELS | LINES_ONLY)[form]
    stem, options = split_options(STEM + "\n" + "\n".join(label(number) + text for number, text in enumerate(CHOICES)))
    assert options == LETTERED and stem == STEM


@pytest.mark.parametrize("form", sorted(LABELS))
def test_options_run_together_on_one_line_are_found(form: str) -> None:
    stem, options = split_options(STEM + " " + " ".join(LABELS[form](number) + text for number, text in enumerate(CHOICES)))
    assert options == LETTERED and stem.strip() == STEM


def test_an_option_wrapped_over_lines_is_one_option() -> None:
    _, options = split_options(f"{STEM}\nA. Amazon Data Firehose with\n   buffering set to zero\nB. AWS Glue")
    assert options == [("A", "Amazon Data Firehose with buffering set to zero"), ("B", "AWS Glue")]


def test_a_numbered_list_in_the_setup_is_not_taken_for_the_options_after_it() -> None:
    text = "A team tried two fixes:\n1. Retrain weekly\n2. Add features\nWhich should it keep?\nA. Retraining\nB. Features"
    stem, options = split_options(text)
    assert options == [("A", "Retraining"), ("B", "Features")] and stem.endswith("Which should it keep?")


@pytest.mark.parametrize("joiner", ["\n", " "])
def test_a_list_in_the_setup_before_the_question_is_not_taken_for_options(joiner: str) -> None:
    for labels in (["A.", "B."], ["1.", "2."], ["- [ ]", "- [ ]"], ["•", "•"]):
        items = joiner.join(f"{label} {step}" for label, step in zip(labels, ["Ingest with Kinesis", "Train on SageMaker"], strict=True))
        text = f"The pipeline has two steps:{joiner}{items}{joiner}The training step fails. Which change fixes it?"
        assert split_options(text) == (text, []), labels


@pytest.mark.parametrize(
    "setup",
    [
        "In step 1. the team cleans the data, and in step 2. it trains the model on the cleaned rows every night.",
        "The scores were a) low and b) noisy for the new model, so the team retrained it on the whole history.",
    ],
)
def test_numbers_or_small_letters_in_a_setup_without_a_question_before_them_are_not_options(setup: str) -> None:
    assert split_options(setup) == (setup, [])


def test_bare_lines_count_as_options_only_after_a_question_and_three_or_more() -> None:
    assert split_options(STEM + "\n" + "\n".join(CHOICES))[1] == LETTERED
    statement = "Land clickstream events in S3.\nAs Parquet.\nWithout servers."
    learners_own = "Is Firehose right?\nWe have 5 GB an hour.\nIt must land in S3."
    for text in (statement, learners_own):
        assert split_options(text) == (text, [])


def test_underscores_in_an_option_are_kept() -> None:
    _, options = split_options(f"{STEM}\nA. Prefix each label with __label__\nB. Put the label in the first CSV column")
    assert options[0] == ("A", "Prefix each label with __label__")


def test_a_question_pasted_with_unlettered_options_gets_them_told_apart(asker: Asker) -> None:
    result = asker.ask(STEM + "\n" + "\n".join(f"- [ ] {text}" for text in CHOICES))
    assert isinstance(result.outcome, QuestionTests)
    assert result.outcome.options[:2] == [("A", "Amazon Data Firehose"), ("B", "Amazon Kinesis Data Streams")]
    question = parse_pasted(STEM + "\n" + "\n".join(CHOICES))
    assert question is not None and question.ask == "Which service should it use?"
