"""The scenario model for pasted questions: its data covers every shipped entry and copies nothing it is measured on,
and its likelihood favours the entry whose scenarios share the text's words."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import yaml

from bot.knowledge.loader import load_deck
from bot.matching.pasted import parse_pasted
from bot.matching.scenarios import ScenarioModel, read_scenarios
from bot.matching.text import words

REPO = Path(__file__).resolve().parents[2]
DECKS = [REPO / "knowledge" / "mls-c01", REPO / "knowledge" / "mla-c01"]
MEASURED = [*sorted((REPO / "benchmarks" / "eval").glob("*.yaml")), REPO / ".." / "shared" / "eval" / "exam-stems-dev.yaml"]
# A run of this many words in common with a measured stem's setup would mean a scenario was copied from it. (Question
# sentences are left out: "Which solution meets these requirements with the LEAST operational overhead?" is in dozens.)
COPIED_RUN = 10


@pytest.fixture(scope="module")
def scenarios() -> dict[str, list[str]]:
    return read_scenarios()


def test_every_shipped_entry_has_scenarios_and_every_scenario_an_entry(scenarios: dict[str, list[str]]) -> None:
    ids = set()
    for path in DECKS:
        deck = load_deck(path)
        ids |= set(deck.entries)
        assert all(len(scenarios.get(entry_id, [])) >= 5 for entry_id in deck.entries), path.name
    assert set(scenarios) <= ids


def _runs(text: str) -> set[tuple[str, ...]]:
    parsed = parse_pasted(text)
    found = words(parsed.setup if parsed else text)
    return {tuple(found[start : start + COPIED_RUN]) for start in range(len(found) - COPIED_RUN + 1)}


def test_no_scenario_copies_a_stem_it_is_measured_on(scenarios: dict[str, list[str]]) -> None:
    measured: set[tuple[str, ...]] = set()
    for path in MEASURED:
        if path.exists():
            for item in yaml.safe_load(path.read_text(encoding="utf-8")):
                measured |= _runs(item["q"])
    for deck in DECKS:
        for question in load_deck(deck).questions.values():
            measured |= _runs(question.prompt)
    assert len(measured) > 10_000
    copied = [text for texts in scenarios.values() for text in texts if _runs(text) & measured]
    assert not copied


def _counts(text: str) -> dict[str, float]:
    return {word: float(count) for word, count in Counter(words(text)).items()}


def test_the_entry_whose_scenarios_share_the_words_is_likeliest() -> None:
    model = ScenarioModel(
        ["stream", "batch", "own"],
        {
            "stream": ["events arrive every second and must be scored at once", "clicks flow in continuously"],
            "batch": ["score last night's files in one run", "a monthly job scores every customer file"],
        },
        _counts,
    )
    assert model.covered.tolist() == [True, True, False]
    likelihood = model.log_likelihood(_counts("clicks arrive continuously and each must be scored"))
    assert likelihood[0] > likelihood[1]
    likelihood = model.log_likelihood(_counts("a nightly run over every file"))
    assert likelihood[1] > likelihood[0]


def test_a_text_with_no_known_word_favours_no_entry() -> None:
    model = ScenarioModel(["a", "b"], {"a": ["alpha words"], "b": ["beta words here and more"]}, _counts)
    assert np.all(model.log_likelihood(_counts("nothing in common")) == 0.0)
