"""All askable questions: the authored bank first, then the drills generated from the knowledge."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.questions import QuestionBase

# How every drill's id starts, so a drill shown before a deck edit removed it is still known as one.
DRILL_PREFIX = "drill-"


@dataclass(frozen=True)
class QuestionBank:
    authored: dict[str, QuestionBase]
    drills: dict[str, QuestionBase]
    _by_entry: dict[str, list[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, kb: KnowledgeBase, generated: list[QuestionBase] | None = None) -> QuestionBank:
        """The bank of `kb`, with the drills `generate_questions(kb)` makes (or made before: `generated`, when the
        drill templates are not even imported)."""
        if generated is None:
            from bot.quiz.generate import generate_questions

            generated = generate_questions(kb)
        drills = {question.id: question for question in generated if question.id not in kb.questions}
        by_entry: dict[str, list[str]] = defaultdict(list)
        for question in [*kb.questions.values(), *drills.values()]:
            for entry_id in question.tests[:1]:
                by_entry[entry_id].append(question.id)
        return cls(dict(kb.questions), drills, dict(by_entry))

    def get(self, question_id: str) -> QuestionBase | None:
        return self.authored.get(question_id) or self.drills.get(question_id)

    def source(self, question_id: str) -> str:
        """'authored' (written and second-read like the exam's) or 'drill' (generated from the deck), also for a
        question shown before it left the bank."""
        if question_id in self.authored:
            return "authored"
        return "drill" if question_id in self.drills or question_id.startswith(DRILL_PREFIX) else "authored"

    def all(self) -> list[QuestionBase]:
        return [*self.authored.values(), *self.drills.values()]

    def in_domain(self, domain: str | None) -> list[QuestionBase]:
        return [question for question in self.all() if domain is None or question.domain == domain]

    def about(self, entry_id: str) -> list[str]:
        """Questions whose main subject is the entry."""
        return self._by_entry.get(entry_id, [])
