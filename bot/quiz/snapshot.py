"""A question frozen as it was shown: a post, a session or an exam keeps it, so a reveal, a late click or a review
shows what the learner saw even after the deck changes or the question leaves the bank."""

from __future__ import annotations

from bot.knowledge.models import Question


def freeze(question: Question) -> str:
    return question.model_dump_json()


def thaw(text: str) -> Question:
    return Question.model_validate_json(text)
