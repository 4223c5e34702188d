"""Trap -> true/false: the wrong belief (false) and, as a second item, the truth that replaces it (true)."""

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
    """Two true/false items per trap: its belief (false, because of `why`) and, after the belief, its truth (true)."""
    questions = []
    for trap in kb.entries.values():
        if not isinstance(trap, Trap):
            continue
        explanation = f"{sentence(trap.truth)} {sentence(trap.why)}"
        belief = _true_false(False, sentence(trap.why))
        truth = _true_false(True, f"It holds, and it is what the claim gets wrong: {sentence(trap.why)}")
        questions.append(build(drill_id("trap", trap.id, trap.belief), trap, f'True or false: "{trap.belief}"', belief, explanation))
        # The truth often answers the belief ("They solve different problems"), so it is shown after it.
        prompt = f'Consider the claim "{trap.belief}" True or false: "{trap.truth}"'
        questions.append(build(drill_id("truth", trap.id, trap.belief, trap.truth), trap, prompt, truth, explanation))
    return questions
