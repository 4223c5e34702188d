"""Each key exam fact and trap of the seed study note is tested by at least one authored question."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_deck

ROOT = Path(__file__).resolve().parents[2]
DECK = ROOT / "knowledge" / "mls-c01"
SEED_NOTE = ROOT / ".." / "shared" / "seed" / "mls-c01-study-note.txt"

# Seed item (a phrase that starts it in the note) -> the entries it is about, and the authored questions testing it.
# Each question was read and checked against its item; mod-xgboost-002 (XGBoost instance sizing) was left out of
# the XGBoost item, which is about what XGBoost is and what it is best at, not about instance types.
SEED_ITEMS: dict[str, tuple[set[str], list[str]]] = {
    "SageMaker Pipe mode": ({"pipe-mode"}, ["mod-pipe-mode-001", "mod-fastfile-mode-001"]),
    "XGBoost built-in algorithm": ({"xgboost"}, ["mod-xgboost-001"]),
    "Hyperparameter tuning: Bayesian": ({"bayesian-optimization"}, ["mod-tuning-bayesian-001"]),
    "AUC-ROC": ({"auc-roc"}, ["mod-auc-roc-001", "mod-auc-roc-002"]),
    "Precision: of predicted positives": (
        {"precision", "recall"},
        ["mod-precision-recall-001", "mod-recall-001", "mod-precision-001"],
    ),
    "SageMaker Model Monitor": (
        {"sagemaker-model-monitor"},
        ["ops-model-monitor-data-quality-001", "ops-model-monitor-model-quality-001"],
    ),
    "Feature Store": ({"sagemaker-feature-store"}, ["de-feature-store-online-001", "de-feature-store-offline-001"]),
    "Ground Truth active learning": (
        {"sagemaker-ground-truth", "active-learning"},
        ["eda-ground-truth-autolabel-001", "eda-ground-truth-autolabel-002"],
    ),
    "SageMaker Serverless inference": ({"sagemaker-serverless-inference"}, ["ops-serverless-001"]),
    "Rekognition (images/video)": (
        {"rekognition", "comprehend", "transcribe", "textract"},
        ["ops-rekognition-moderation-001", "ops-comprehend-sentiment-001", "ops-transcribe-001", "ops-textract-forms-001"],
    ),
    "A higher accuracy score always means": ({"trap-accuracy-always-better"}, ["mod-accuracy-trap-001"]),
    "More complex models are always better": ({"trap-complex-models-always-better"}, ["mod-complex-models-trap-001"]),
}
KEY_FACTS, TRAPS = 10, 2


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_deck(DECK)


def test_every_seed_item_has_an_authored_question() -> None:
    assert len(SEED_ITEMS) == KEY_FACTS + TRAPS
    assert all(questions for _, questions in SEED_ITEMS.values())


@pytest.mark.parametrize("item", list(SEED_ITEMS))
def test_mapped_questions_exist_and_test_the_item(kb: KnowledgeBase, item: str) -> None:
    entries, questions = SEED_ITEMS[item]
    assert entries <= kb.entries.keys()
    for qid in questions:
        assert qid in kb.questions, f"{item}: no authored question {qid}"
        assert entries & set(kb.questions[qid].tests), f"{item}: {qid} does not test {sorted(entries)}"


def test_the_mapping_covers_exactly_the_seed_notes_items() -> None:
    if not SEED_NOTE.is_file():
        pytest.skip(f"seed study note not found at {SEED_NOTE}")
    text = SEED_NOTE.read_text(encoding="utf-8")
    facts_part = text.split("Key exam facts", 1)[1].split("Common exam traps", 1)[0]
    facts = [line.strip("• ").strip() for line in facts_part.splitlines() if line.strip().startswith("•")]
    traps_part = text.split("Common exam traps", 1)[1].split("Practice this topic", 1)[0]
    traps = [line.strip() for line in traps_part.splitlines() if re.search(r"\balways\b", line) and len(line) < 80]
    assert (len(facts), len(traps)) == (KEY_FACTS, TRAPS)
    for line in [*facts, *traps]:
        assert sum(line.startswith(item) for item in SEED_ITEMS) == 1, f"seed item without exactly one mapping: {line}"
