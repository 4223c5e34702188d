"""The shipped MLA-C01 deck: exam-sized and weighted like the exam guide, every task exercised, blind guessers near
chance, and the MLS-C01 entries it shares placed in its own domains."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_deck
from bot.quiz.audit import audit
from tests.conftest import off_weight

DECKS = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_deck(DECKS / "mla-c01")


def test_the_bank_is_exam_sized_and_weighted_like_the_guide(kb: KnowledgeBase) -> None:
    questions = list(kb.questions.values())
    assert len(questions) >= 200 and off_weight(kb) == {}
    assert {question.kind for question in questions} >= {"question", "ordering", "matching"}
    assert all("mla-c01" in question.exams for question in questions)


def test_the_bank_passes_the_audit_and_guessers_stay_near_chance(kb: KnowledgeBase) -> None:
    found = audit(kb)
    assert [str(problem) for problem in found.problems] == []
    assert found.overall.longest <= 0.35 and found.overall.overlap <= 0.35, found.report()


def test_every_task_statement_of_the_guide_is_exercised(kb: KnowledgeBase) -> None:
    by_task = audit(kb).by_task
    thin = {task.id: len(by_task.get(task.id, [])) for task in kb.info.tasks if len(by_task.get(task.id, [])) < 4}
    assert len(kb.info.tasks) == 12 and thin == {}


def test_shared_entries_take_this_decks_domains(kb: KnowledgeBase) -> None:
    domains = set(kb.info.weights)
    assert {entry.domain for entry in kb.entries.values()} <= domains
    assert kb.entries["comprehend"].domain == "model-development"  # moved by entry_domains, per task 2.1
    assert kb.entries["data-firehose"].domain == "data-preparation"  # by domain_map from data-engineering
    assert all("mla-c01" in entry.exams for entry in kb.entries.values())


def test_the_retired_exam_says_so_and_the_current_one_does_not(kb: KnowledgeBase) -> None:
    mls = load_deck(DECKS / "mls-c01").info
    assert kb.info.retired is None and kb.info.label == "MLA-C01"
    assert str(mls.retired) == "2026-03-31" and mls.label == "MLS-C01 (retired 2026-03-31)"


def test_a_shared_entry_links_back_to_this_decks_own_lookalikes(kb: KnowledgeBase) -> None:
    """MLS-C01's SageMaker Pipelines cannot name CodePipeline (not in its deck); in MLA-C01 it links back to it, with
    the difference line CodePipeline's own link gives."""
    back = {link.id: link.difference for link in kb.entries["sagemaker-pipelines"].confusable_with}
    forth = {link.id: link.difference for link in kb.entries["codepipeline"].confusable_with}
    assert back["codepipeline"] == forth["sagemaker-pipelines"]
    assert "codepipeline" not in {link.id for link in load_deck(DECKS / "mls-c01").entries["sagemaker-pipelines"].confusable_with}
    for entry in kb.entries.values():
        ids = [link.id for link in entry.confusable_with]
        assert len(ids) == len(set(ids)) and set(ids) <= set(kb.entries), entry.id
