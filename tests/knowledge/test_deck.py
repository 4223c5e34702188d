"""The shipped MLS-C01 deck: complete against the checklist, classic look-alikes linked both ways, tagged by exam."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
import yaml

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_deck
from bot.quiz.audit import audit
from tests.conftest import off_weight

ROOT = Path(__file__).resolve().parents[2]
CHECKLIST = ROOT.parent / "shared" / "eval" / "entities.yaml"

CLASSIC_GROUPS = [
    ["kinesis-data-streams", "data-firehose"],
    ["glue", "emr", "glue-databrew"],
    ["sagemaker-data-wrangler", "glue-databrew"],
    ["comprehend", "textract", "rekognition"],
    ["forecast", "deepar"],
    ["personalize", "factorization-machines"],
    ["sagemaker-ground-truth", "augmented-ai"],
    ["sagemaker-model-monitor", "sagemaker-clarify", "sagemaker-debugger"],
    ["sagemaker-real-time-inference", "sagemaker-serverless-inference", "sagemaker-asynchronous-inference", "sagemaker-batch-transform"],
    ["k-means", "k-nearest-neighbors"],
    ["principal-component-analysis", "t-sne"],
    ["random-cut-forest", "ip-insights"],
    ["blazingtext", "comprehend"],
    ["pipe-mode", "file-mode", "fastfile-mode"],
]
CLASSIC_PAIRS = sorted({pair for group in CLASSIC_GROUPS for pair in combinations(group, 2)})


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_deck(ROOT / "knowledge" / "mls-c01")


@pytest.mark.skipif(not CHECKLIST.is_file(), reason="the shared checklist is not beside the repository")
def test_every_checklist_name_and_alias_resolves(kb: KnowledgeBase) -> None:
    checklist = yaml.safe_load(CHECKLIST.read_text(encoding="utf-8"))
    missing = [item["name"] for item in checklist if kb.find(item["name"]) is None]
    assert missing == []
    unmatched = [
        (item["name"], alias) for item in checklist for alias in item.get("aliases", [])
        if kb.find(alias) is None or kb.find(alias) != kb.find(item["name"])
    ]
    assert unmatched == []


@pytest.mark.parametrize(("left", "right"), CLASSIC_PAIRS)
def test_classic_lookalikes_are_linked_both_ways(kb: KnowledgeBase, left: str, right: str) -> None:
    assert right in {link.id for link in kb.entries[left].confusable_with}, f"{left} does not link {right}"
    assert left in {link.id for link in kb.entries[right].confusable_with}, f"{right} does not link {left}"


def test_every_item_is_tagged_for_mls_c01(kb: KnowledgeBase) -> None:
    untagged = [item.id for item in [*kb.entries.values(), *kb.questions.values()] if "mls-c01" not in item.exams]
    assert untagged == []
    assert sum("mla-c01" in entry.exams for entry in kb.entries.values()) > 100


def test_services_and_algorithms_have_five_use_cases(kb: KnowledgeBase) -> None:
    thin = [entry.id for entry in kb.entries.values() if entry.kind in ("service", "algorithm") and len(entry.use_cases) < 5]
    assert thin == []


def test_entries_point_to_aws_pages_and_carry_facts(kb: KnowledgeBase) -> None:
    for entry in kb.entries.values():
        assert entry.url.scheme == "https"
        assert entry.url.host and entry.url.host.endswith(("aws.amazon.com", "docs.aws.amazon.com", "amazon.com")), entry.id
        assert len(entry.facts) >= 2, entry.id


# Facts about open-source tools (and the SageMaker Python SDK) cite their own documentation; every other fact an AWS page.
TOOL_DOCS = ("scikit-learn.org", "opensearch.org", "sagemaker.readthedocs.io")


def test_facts_with_their_own_page_cite_a_documentation_page(kb: KnowledgeBase) -> None:
    sources = [(entry.id, source) for entry in kb.entries.values() for source in entry.fact_sources.values()]
    assert sources
    for entry_id, source in sources:
        assert source.scheme == "https" and source.host, entry_id
        assert source.host.endswith(("aws.amazon.com", "amazon.com", *TOOL_DOCS)), entry_id
        assert source.path and source.path != "/", entry_id


def test_builtin_algorithms_carry_their_sagemaker_details(kb: KnowledgeBase) -> None:
    builtins = [entry for entry in kb.of_kind("algorithm") if entry.builtin]  # type: ignore[union-attr]
    assert len(builtins) >= 20
    for algorithm in builtins:
        assert algorithm.input_formats and algorithm.training_instances and algorithm.hyperparameters, algorithm.id


def test_authored_bank_is_exam_sized_and_weighted(kb: KnowledgeBase) -> None:
    questions = list(kb.questions.values())
    assert len(questions) >= 330 and off_weight(kb) == {}
    assert sum(question.multiple for question in questions) >= 0.2 * len(questions)


def test_authored_bank_passes_the_editorial_audit(kb: KnowledgeBase) -> None:
    assert [str(problem) for problem in audit(kb).problems] == []


def test_blind_guessers_stay_near_chance(kb: KnowledgeBase) -> None:
    found = audit(kb)
    assert found.overall.longest <= 0.35 and found.overall.overlap <= 0.35, found.report()


def test_every_task_statement_is_exercised(kb: KnowledgeBase) -> None:
    by_task = audit(kb).by_task
    thin = {task.id: len(by_task.get(task.id, [])) for task in kb.info.tasks if len(by_task.get(task.id, [])) < 4}
    assert len(kb.info.tasks) == 15 and thin == {}
