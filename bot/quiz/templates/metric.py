"""Metric -> formula: the definition among the formulas of its own family, which is where learners mix them up."""

from __future__ import annotations

import random
import re

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Metric
from bot.knowledge.questions import Question
from bot.matching.text import fold
from bot.quiz.compose import Wrong, drill_id, question, sentence

DISTRACTORS = 3
# A formula has arithmetic in it; a confusion matrix's layout, say, is not something to pick from a list.
_ARITHMETIC = re.compile(r"[/*^]|\b(?:sqrt|sum|log|exp)\b")
# Families of formulas, the first that matches: built from confusion-matrix counts (or from precision and recall),
# from predicted-versus-actual values, or anything else (probabilities, quantiles, n-grams).
_FAMILIES = (re.compile(r"\b(?:[TF][PN]|(?<!n-gram )precision|recall)\b"), re.compile(r"\bactual\b"))


def _formulas(kb: KnowledgeBase) -> list[Metric]:
    return [entry for entry in kb.entries.values() if isinstance(entry, Metric) and _ARITHMETIC.search(entry.formula)]


def _restates(formula: str, metric: Metric) -> bool:
    """Whether a formula contains the metric's own formula or name (PR AUC spells out precision = TP / (TP + FP)),
    which would make it look like a second definition of the metric."""
    text = f" {fold(formula)} "
    return fold(metric.formula) in fold(formula) or any(f" {fold(name)} " in text for name in metric.names)


def _family(formula: str) -> int:
    return next((number for number, pattern in enumerate(_FAMILIES) if pattern.search(formula)), len(_FAMILIES))


def formula_questions(kb: KnowledgeBase) -> list[Question]:
    """"Which formula defines X?", with other metrics' formulas as distractors, those of the same family first
    (see _FAMILIES); skipped when there are not three of them."""
    metrics = _formulas(kb)
    questions = []
    for metric in metrics:
        qid = drill_id("formula", metric.id, metric.formula)
        others = [other for other in metrics if other.id != metric.id and not _restates(other.formula, metric)]
        random.Random(qid).shuffle(others)
        others.sort(key=lambda other: _family(other.formula) != _family(metric.formula))
        picked = others[:DISTRACTORS]
        if len(picked) < DISTRACTORS:
            continue
        questions.append(
            question(
                qid,
                metric,
                f"Which formula defines {metric.name}?",
                metric.formula,
                [Wrong(other.formula, f"That is {other.name}.") for other in picked],
                f"{metric.name} = {metric.formula}. {sentence(metric.summary)}",
                tests=[metric.id, *(other.id for other in picked)],
            )
        )
    return questions
