"""Trap -> true/false: the wrong belief (false) and, as a second item, the truth that replaces it (true), both asked the
same way, so the form of the question never tells the answer."""

from __future__ import annotations

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Trap
from bot.knowledge.questions import Option, Question
from bot.quiz.compose import build, drill_id, sentence


def _true_false(statement_is_true: bool, why_not: str) -> list[Option]:
    """The options True and False, in that order, the wrong one explained."""
    return [
        Option(text="True", correct=statement_is_true, why=None if statement_is_true else why_not),
        Option(text="False", correct=not statement_is_true, why=why_not if statement_is_true else None),
    ]


def trap_questions(kb: KnowledgeBase) -> list[Question]:
    """Two true/false items per trap: its belief (false, because of `why`) and its truth (true)."""
    questions = []
    for trap in kb.entries.values():
        if not isinstance(trap, Trap):
            continue
        explanation = f"{sentence(trap.truth)} {sentence(trap.why)}"
        belief = _true_false(False, sentence(trap.why))
        truth = _true_false(True, f"It holds. {sentence(trap.why)}")
        belief_id, truth_id = drill_id("trap", trap.id, trap.belief), drill_id("truth", trap.id, trap.belief, trap.truth)
        questions.append(build(belief_id, trap, f'True or false: "{trap.belief}"', belief, explanation))
        questions.append(build(truth_id, trap, f'True or false: "{trap.truth}"', truth, explanation))
    return questions
