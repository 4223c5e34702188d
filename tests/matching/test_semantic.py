"""The meaning signal for pasted questions: static token vectors, read without model2vec, agree with the tokenizer and
put a paraphrase nearest the entry it describes."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge.base import KnowledgeBase
from bot.matching.fields import entry_fields
from bot.matching.semantic import REMEMBERED_WORD, SemanticIndex, _remembered_token_ids, _token_ids, _tokenizer, embed
from bot.matching.text import clean


@pytest.fixture(scope="module")
def meaning(deck: KnowledgeBase) -> tuple[SemanticIndex, list[str]]:
    return SemanticIndex([entry_fields(entry) for entry in deck.entries.values()]), list(deck.entries)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_words_tokenized_one_at_a_time_give_the_whole_texts_word_pieces(raw: str) -> None:
    text = clean(raw).text
    unknown = _tokenizer().token_to_id("[UNK]")
    whole = [token for token in _tokenizer().encode(text, add_special_tokens=False).ids if token != unknown]
    assert [token for word in text.split() for token in _token_ids(word)] == whole


def test_only_short_words_are_remembered() -> None:
    before = _remembered_token_ids.cache_info().currsize
    embed(" ".join(f"{'x' * REMEMBERED_WORD}{number}" for number in range(200)))
    assert _remembered_token_ids.cache_info().currsize == before
    embed("remembered words stay")
    assert _remembered_token_ids.cache_info().currsize > before


def test_a_text_is_a_unit_vector_and_nothing_known_is_zero() -> None:
    assert np.linalg.norm(embed("stream clickstream events into Amazon S3")) == pytest.approx(1.0, abs=1e-5)
    assert not embed("").any()


@pytest.mark.parametrize(
    ("paraphrase", "meant", "look_alikes"),
    [
        (
            "send a small share of live requests to a second model version and compare how both perform",
            "a-b-testing-with-production-variants",
            ["sagemaker-distributed-training", "sagemaker-multi-model-endpoints", "sagemaker-batch-transform"],
        ),
        (
            "pull the printed words and the tables out of scanned paper forms",
            "textract",
            ["rekognition", "comprehend", "transcribe"],
        ),
        (
            "turn recorded phone calls into written transcripts",
            "transcribe",
            ["translate", "polly", "comprehend"],
        ),
    ],
)
def test_a_paraphrase_is_nearest_the_entry_it_describes(
    meaning: tuple[SemanticIndex, list[str]], paraphrase: str, meant: str, look_alikes: list[str]
) -> None:
    index, ids = meaning
    group = [meant, *look_alikes]
    similarity = dict(zip(group, index.similarity(paraphrase, [ids.index(entry_id) for entry_id in group]), strict=True))
    assert max(similarity, key=similarity.__getitem__) == meant, similarity


def test_no_entries_asked_about_gives_no_similarities(meaning: tuple[SemanticIndex, list[str]]) -> None:
    assert meaning[0].similarity("anything at all", []).shape == (0,)
