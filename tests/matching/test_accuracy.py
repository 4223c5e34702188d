"""Accuracy on short queries (the public dev queries and our further sets) must not silently fall below the level the
matcher reached."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.app.ask import Asker
from bot.app.deck import Deck
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Algorithm

REPO = Path(__file__).resolve().parents[2]
DEV_QUERIES = REPO / ".." / "shared" / "eval" / "dev-queries.yaml"
SHORT_QUERIES = REPO / "benchmarks" / "eval" / "short-queries-mls-c01.yaml"
SHORT_QUERIES_MLA = REPO / "benchmarks" / "eval" / "short-queries-mla-c01.yaml"
# Top-1 and top-3 floors. The dev queries reached 0.984 top-1 (62/63) and 1.0 top-3 after the deck review, and 1.0
# top-1 once the scenario model reordered short queries too; the 150 further MLS-C01 queries reached 0.927 (139) and
# 0.98 (147), the 140 MLA-C01 ones 0.921 (129) and 0.979 (137). The floors leave room for one dev query, or about four
# of the others, to move while the knowledge base is edited, and no more.
FLOORS = {DEV_QUERIES: (0.98, 0.98), SHORT_QUERIES: (0.90, 0.96), SHORT_QUERIES_MLA: (0.89, 0.95)}
# The deck each set is asked of (the fixture that holds it).
DECKS = {DEV_QUERIES: "shipped", SHORT_QUERIES: "shipped", SHORT_QUERIES_MLA: "shipped_mla"}


def right(names: list[str], accepted: list[str]) -> bool:
    """A result is right when its name or one of its aliases equals an accepted answer, ignoring case."""
    return bool({name.casefold() for name in names} & {answer.casefold() for answer in accepted})


@pytest.mark.parametrize("path", list(FLOORS), ids=lambda path: path.stem)
def test_short_queries_accuracy(request: pytest.FixtureRequest, path: Path) -> None:
    if not path.is_file():
        pytest.skip(f"queries not found at {path} (shared/ sits beside the repo)")
    shipped: Deck = request.getfixturevalue(DECKS[path])
    kb, asker = shipped.kb, shipped.asker()
    queries = yaml.safe_load(path.read_text(encoding="utf-8"))
    top1 = top3 = 0
    misses = []
    for item in queries:
        ranking = asker.ask(item["q"], 3).ranking
        found = [right(kb.entries[ranked.id].names, item["expect"]) for ranked in ranking]
        top1 += bool(found) and found[0]
        top3 += any(found)
        if not (found and found[0]):
            misses.append(f"{item['q']!r} -> {[ranked.id for ranked in ranking]}, want {item['expect'][0]}")
    min_top1, min_top3 = FLOORS[path]
    assert top1 / len(queries) >= min_top1, "\n".join(misses)
    assert top3 / len(queries) >= min_top3, "\n".join(misses)


def test_the_scenarios_reorder_a_short_need_its_words_alone_misread(shipped_asker: Asker) -> None:
    """By its words alone ("s3", "parquet") this need reads as Redshift's UNLOAD to Parquet; the scenario model, which
    learnt from exam-style needs how streaming to S3 is asked, puts Firehose first."""
    need = "stream clickstream data into s3 as parquet"
    assert shipped_asker.matcher.search(need, 1, scenarios=False)[0].entry_id == "redshift"
    assert shipped_asker.ask(need).ranking[0].id == "data-firehose"


@pytest.mark.parametrize("need", ["we have data but no labels for our images", "which sagemaker algorithms do not need labels"])
def test_a_need_without_labels_does_not_lead_with_a_supervised_algorithm(deck: KnowledgeBase, shipped_asker: Asker, need: str) -> None:
    first = deck.entries[shipped_asker.ask(need).ranking[0].id]
    assert not (isinstance(first, Algorithm) and first.learning_type == "supervised"), first.id
