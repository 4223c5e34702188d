"""The normaliser: chat noise out, the same terms out of a query and of the knowledge base."""

from __future__ import annotations

import pytest

from bot.matching.text import clean, compound_terms, plain, stem, terms, words


@pytest.mark.parametrize(
    "raw",
    ["@everyone which service", "@here which service", "<@123456> which service", "<@!42> which service",
     "<@&7> which service", "<#99> which service", "＠everyone which service", "@\u200beveryone which service"],
)
def test_mentions_are_removed(raw: str) -> None:
    cleaned = clean(raw)
    assert cleaned.text == "which service" and cleaned.had_mention
    assert "@" not in cleaned.text


def test_addressing_the_bot_is_removed_but_email_addresses_stay() -> None:
    assert clean("@bot aws service that does OCR on forms").text == "aws service that does OCR on forms"
    assert clean("mail a@b.com").text == "mail a@b.com"


def test_emoji_and_control_characters_become_spaces() -> None:
    cleaned = clean("speech\x00to\x07text 🙂🔥 <:kappa:123> :smile:")
    assert cleaned.text == "speech to text" and cleaned.had_symbols and not cleaned.had_mention
    assert clean("👍🏽").text == ""


def test_filler_words_and_punctuation_are_dropped() -> None:
    assert terms("Which AWS service should I use for speech-to-text?!") == ["speech", "text"]


@pytest.mark.parametrize(
    ("variants", "expected"),
    [(["label", "labels", "labeling", "labelled", "labeled"], "label"), (["category", "categories"], "category"),
     (["box", "boxes"], "box"), (["tune", "tuned", "tuning"], "tun"), (["analysis"], "analysis"), (["bias", "biases"], "bias")],
)
def test_stemming_joins_plurals_and_verb_forms(variants: list[str], expected: str) -> None:
    assert {stem(word) for word in variants} == {expected}


def test_joined_words_give_parts_and_compounds() -> None:
    assert words("k-NN t-SNE") == ["k", "nn", "t", "sne"]
    assert compound_terms("k-NN t-SNE scale_pos_weight") == ["knn", "tsn", "scaleposweight"]
    assert words("DetectModerationLabels") == ["detect", "moderation", "labels"]
    assert words("SageMaker XGBoost") == ["sagemaker", "xgboost"]
    assert words("the customer's café") == ["the", "customer", "cafe"]


def test_single_letters_joined_by_a_slash_are_one_word() -> None:
    assert terms("A/B testing of models") == ["ab", "test", "model"]
    assert terms("CI/CD and input/output") == ["ci", "cd", "input", "output"]


def test_plain_is_folded_content_words() -> None:
    assert plain("Amazon Kinesis Data-Streams!") == "kinesis data streams"


def test_cleaning_can_keep_line_breaks_for_a_pasted_questions_options() -> None:
    raw = "Which one? <@123>\r\n\r\n  A.\tFirehose  \n\n\nB. Glue @everyone"
    assert clean(raw, keep_lines=True).text == "Which one?\nA. Firehose\nB. Glue"
    assert clean(raw).text == "Which one? A. Firehose B. Glue"
