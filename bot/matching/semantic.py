"""Meaning-level similarity between a pasted question and each entry, from static token embeddings distilled from
all-MiniLM-L6-v2 with model2vec (see tools/distill_embeddings.py).

Exam stems paraphrase what the deck says ("control the portion of inferences served" for production variants); word
overlap misses that, a sentence embedding does not. The lexical ranking stays the main signal: this only reorders
the entries it found. A text's vector is the mean of its word pieces' vectors, which is all model2vec computes; the
tokenizer and the matrix are read here directly, since model2vec's own loader imports the Hugging Face hub client
and triples start-up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from tokenizers import Tokenizer

MODEL_DIR = Path(__file__).parent / "embeddings"
# What an entry is for; facts and details name too many other services to say what it is.
PASSAGE_FIELDS = ("summary", "use_cases", "keywords")


# The two readers are imported on first use: a short question never needs them, and a one-shot `studybot ask`
# would pay ~60 ms to import them.
@cache
def _tokenizer() -> Tokenizer:
    from tokenizers import Tokenizer

    return Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))


@cache
def _token_vectors() -> np.ndarray:
    from safetensors.numpy import load_file

    return load_file(MODEL_DIR / "model.safetensors")["embeddings"]


# Only words up to this long are remembered, so text made of long unique "words" cannot grow the cache past
# ~65,536 short entries (a few MB); longer ones are rare in real questions and tokenized each time.
REMEMBERED_WORD = 40


def _token_ids(word: str) -> tuple[int, ...]:
    return _remembered_token_ids(word) if len(word) <= REMEMBERED_WORD else _word_pieces(word)


@lru_cache(maxsize=65_536)
def _remembered_token_ids(word: str) -> tuple[int, ...]:
    return _word_pieces(word)


def _word_pieces(word: str) -> tuple[int, ...]:
    unknown = _tokenizer().token_to_id("[UNK]")
    return tuple(token for token in _tokenizer().encode(word, add_special_tokens=False).ids if token != unknown)


def _unit(vectors: np.ndarray) -> np.ndarray:
    vectors = vectors.astype(np.float32)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=-1, keepdims=True), 1e-9)


def embed(text: str) -> np.ndarray:
    """The unit vector of one text (all zeros when no word piece is known). The tokenizer (BERT's word pieces) never
    joins across whitespace, so each word is tokenized once and remembered: tokenizing is most of the cost, and exam
    questions reuse a small vocabulary."""
    ids = [token for word in text.split() for token in _token_ids(word)]
    vectors = _token_vectors()
    return _unit(vectors[ids].sum(axis=0, dtype=np.float32)) if ids else np.zeros(vectors.shape[1], np.float32)


class SemanticIndex:
    """One vector per entry, the mean of its passages' unit vectors (as good as the closest passage on the dev stems,
    and a tenth of the memory to read per question)."""

    def __init__(self, documents: list[Mapping[str, list[str]]]) -> None:
        passages: list[str] = []
        starts: list[int] = []
        for document in documents:
            starts.append(len(passages))
            passages.append("; ".join(document["names"]))
            passages.extend(piece for field in PASSAGE_FIELDS for piece in document[field])
        self._vectors = _unit(np.add.reduceat(np.array([embed(passage) for passage in passages]), starts))

    def similarity(self, text: str, entries: Sequence[int]) -> np.ndarray:
        """The cosine similarity (-1 to 1) of each of `entries` (document numbers) to `text`, in that order."""
        return self._vectors[np.asarray(entries, dtype=np.intp)] @ embed(text)
