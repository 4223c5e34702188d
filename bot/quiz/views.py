"""What a learner sees of questions and answers, ready for any adapter to render."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.questions import OPTION_LETTERS, QuestionBase
from bot.quiz.checker import answer_letters, example, letters

KIND_HINTS = {
    "ordering": "Put the steps in order: answer with their letters, first step first",
    "matching": "Match each numbered item: answer with one letter per item, in the items' order",
}
WORKED_HEADINGS = {"ordering": "The right order", "matching": "The right matches"}


@dataclass(frozen=True)
class WorkedLine:
    """One line of an ordering or matching answer spelled out: the item matched (empty for a step), then the letter
    and text of the step or choice that goes there."""

    item: str
    letter: str
    text: str


def worked(choices: list[tuple[str, str]], items: list[str], ordered: bool, right: str) -> list[WorkedLine]:
    """The right answer of an ordering question as its steps in order, of a matching question as each item with its
    match; nothing for a choice question, whose options say it already. Letters alone ("CADB") say little once the
    question has left the screen."""
    texts = dict(choices)
    if items:
        return [WorkedLine(item, letter, texts.get(letter, "")) for item, letter in zip(items, right, strict=False)]
    if ordered:
        return [WorkedLine("", letter, texts.get(letter, "")) for letter in right]
    return []


@dataclass(frozen=True)
class QuestionView:
    question_id: str
    source: str
    domain: str
    domain_title: str
    prompt: str
    options: list[tuple[str, str]]
    choose: int
    kind: str = "question"
    items: list[str] = field(default_factory=list)
    ordered: bool = False
    example: str = "A"
    # The case study the question belongs to: its title and scenario, shown above the prompt.
    case: tuple[str, str] | None = None

    @property
    def multiple(self) -> bool:
        return self.choose > 1

    @property
    def heading(self) -> str:
        """The domain, and "Drill" for a generated question, so learners know which kind of question they face."""
        return f"{self.domain_title} · Drill" if self.source == "drill" else self.domain_title

    @property
    def hint(self) -> str:
        """How to answer, for the question kinds that are not a plain choice."""
        return KIND_HINTS.get(self.kind, "")

    def worked(self, right: str) -> list[WorkedLine]:
        return worked(self.options, self.items, self.ordered, right)


def lettered(question: QuestionBase) -> list[tuple[str, str]]:
    """The options, or an ordering question's steps or a matching question's choices, as shown: (letter, text)."""
    return [(OPTION_LETTERS[index], text) for index, text in enumerate(question.choices)]


def question_view(question: QuestionBase, source: str, kb: KnowledgeBase) -> QuestionView:
    """The question as shown: its deck gives the domain's title and, for a case-study question, the scenario."""
    case = kb.cases.get(question.case) if question.case else None
    return QuestionView(
        question_id=question.id,
        source=source,
        domain=question.domain,
        domain_title=kb.info.title(question.domain),
        prompt=question.prompt,
        options=lettered(question),
        choose=len(question.answer),
        kind=question.kind,
        items=question.items,
        ordered=question.ordered,
        example=example(question),
        case=(case.title, case.scenario) if case else None,
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
    # An ordering or matching answer spelled out, under its heading ("The right order").
    worked: list[WorkedLine] = field(default_factory=list)
    worked_heading: str = ""


def explained(question: QuestionBase) -> str:
    """The explanation as learners read it, with the question's note (say, a service closed to new customers) after it."""
    return f"{question.explanation}\nNote: {question.note}" if question.note else question.explanation


def feedback(question: QuestionBase, chosen: tuple[int, ...], correct: bool, points: int = 0, streak: int = 0) -> Feedback:
    right = set(question.answer)
    why_wrong = [(OPTION_LETTERS[index], why) for index in sorted(set(chosen) - right) if (why := question.rationale(index))]
    shown = letters(chosen, ordered=question.ordered)
    right_letters = answer_letters(question)
    return Feedback(
        correct, shown, right_letters, explained(question), why_wrong, points, streak,
        worked(lettered(question), question.items, question.ordered, right_letters), WORKED_HEADINGS.get(question.kind, ""),
    )
