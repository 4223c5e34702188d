"""A question frozen as it was shown: a post, a session or an exam keeps it, so a reveal, a late click or a review
shows what the learner saw even after the deck changes or the question leaves the bank."""

from __future__ import annotations

from pydantic import TypeAdapter

from bot.knowledge.questions import AnyQuestion, QuestionBase

_QUESTION: TypeAdapter[AnyQuestion] = TypeAdapter(AnyQuestion)


def freeze(question: QuestionBase) -> str:
    return question.model_dump_json()


def thaw(text: str) -> QuestionBase:
    return _QUESTION.validate_json(text)
