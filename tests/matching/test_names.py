"""Fuzzy name matching compares only the names whose length can reach the cutoff, and that never changes an answer."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from bot.matching.names import NameMatcher
from bot.matching.text import plain

NAMES = ["Amazon Kinesis Data Firehose", "Amazon SageMaker Ground Truth", "XGBoost", "k-nearest neighbors", "AWS Glue"]
MATCHER = NameMatcher([(name, number) for number, name in enumerate(NAMES)])
# Texts near the length where the shortcut starts: a name with a few letters added or taken away.
NEAR_A_NAME = st.builds(
    lambda name, extra, cut: name[: len(name) - cut] + extra,
    st.sampled_from(NAMES),
    st.text(alphabet="abcdefghij ", max_size=30),
    st.integers(min_value=0, max_value=5),
)


def compared_with_every_name(text: str, cutoff: float) -> tuple[int, float] | None:
    choices = [plain(name) for name in NAMES]
    found = process.extractOne(plain(text), choices, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff)
    return (found[2], found[1]) if plain(text) and found else None


@settings(max_examples=400, deadline=None)
@given(NEAR_A_NAME, st.sampled_from([80.0, 88.0, 90.0]))
def test_the_length_shortcut_gives_what_comparing_every_name_gives(text: str, cutoff: float) -> None:
    assert MATCHER.best(text, cutoff) == compared_with_every_name(text, cutoff)


def test_a_typo_still_finds_its_name_and_a_long_sentence_finds_none() -> None:
    found = MATCHER.best("kinesis data firehos", 80.0)
    assert found is not None and found[0] == 0
    assert MATCHER.best("Which AWS service should the team use to label the images with the least effort?", 80.0) is None
