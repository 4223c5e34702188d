"""What a learner sees of questions and answers, ready for any adapter to render."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.models import DOMAIN_TITLES, OPTION_LETTERS, Question
from bot.quiz.checker import letters


@dataclass(frozen=True)
class QuestionView:
    question_id: str
    source: str
    domain: str
    domain_title: str
    prompt: str
    options: list[tuple[str, str]]
    choose: int

    @property
    def multiple(self) -> bool:
        return self.choose > 1

    @property
    def heading(self) -> str:
        """The domain, and "Drill" for a generated question, so learners know which kind of question they face."""
        return f"{self.domain_title} · Drill" if self.source == "drill" else self.domain_title


def question_view(question: Question, source: str) -> QuestionView:
    return QuestionView(
        question_id=question.id,
        source=source,
        domain=question.domain,
        domain_title=DOMAIN_TITLES[question.domain],
        prompt=question.prompt,
        options=[(OPTION_LETTERS[index], option.text) for index, option in enumerate(question.options)],
        choose=len(question.answer),
    )


@dataclass(frozen=True)
class Feedback:
    """The reply to an answer: right or wrong, why, and what it earned."""

    correct: bool
    chosen: str
    right: str
    explanation: str
    why_wrong: list[tuple[str, str]]
    points: int = 0
    streak: int = 0


def explained(question: Question) -> str:
    """The explanation as learners read it, with the question's note (say, a service closed to new customers) after it."""
    return f"{question.explanation}\nNote: {question.note}" if question.note else question.explanation


def feedback(question: Question, chosen: frozenset[int], correct: bool, points: int = 0, streak: int = 0) -> Feedback:
    why_wrong = [
        (OPTION_LETTERS[index], question.options[index].why or "")
        for index in sorted(chosen)
        if not question.options[index].correct
    ]
    return Feedback(correct, letters(chosen), letters(frozenset(question.answer)), explained(question), why_wrong, points, streak)
