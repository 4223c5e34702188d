"""Generated questions: every template run over the deck, in a fixed order, so the same deck gives the same bank."""

from __future__ import annotations

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Question
from bot.quiz.guard import Guard
from bot.quiz.templates.algorithm import format_questions, instance_questions
from bot.quiz.templates.metric import direction_questions, formula_questions
from bot.quiz.templates.trap import trap_questions
from bot.quiz.templates.usecase import usecase_questions


def generate_questions(kb: KnowledgeBase) -> list[Question]:
    """All generated questions for a deck: use case -> service or algorithm, algorithm -> input format or training
    instances, metric -> formula or better direction, trap -> true/false. Deterministic: same deck, same list."""
    return [
        *usecase_questions(Guard(kb)),
        *format_questions(kb),
        *instance_questions(kb),
        *formula_questions(kb),
        *direction_questions(kb),
        *trap_questions(kb),
    ]
