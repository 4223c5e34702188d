"""Drills: questions generated from the deck by every template, in a fixed order, so the same deck gives the same
drills. Each template skips what it cannot turn into a sound drill and counts why (`studybot quiz drills`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.questions import Question
from bot.quiz.guard import Guard
from bot.quiz.templates.algorithm import format_questions, instance_questions
from bot.quiz.templates.metric import formula_questions
from bot.quiz.templates.trap import trap_questions
from bot.quiz.templates.usecase import usecase_drills


@dataclass
class Drills:
    questions: list[Question] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def per_template(self) -> Counter[str]:
        return Counter(question.id.split("-")[1] for question in self.questions)


def generate_drills(kb: KnowledgeBase) -> Drills:
    """Use case -> service or algorithm (a scenario against the answer's look-alikes), algorithm -> input format or
    training instances, metric -> formula, trap -> true/false (belief, truth, swapped truth)."""
    usecase = usecase_drills(Guard(kb))
    questions = [*usecase.questions, *format_questions(kb), *instance_questions(kb), *formula_questions(kb), *trap_questions(kb)]
    return Drills(questions, usecase.skipped)


def generate_questions(kb: KnowledgeBase) -> list[Question]:
    return generate_drills(kb).questions
