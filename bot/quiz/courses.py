"""The exams the bot serves, each with its deck and question bank. Every record a learner makes (a daily post, a
practice session, a mock exam) names its exam, so each is shown and scored with its own exam's deck."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase
from bot.limits import NAME_CHARS, shorten
from bot.quiz.bank import QuestionBank


class UnknownExam(ValueError):
    """An exam the bot does not serve; the message lists those it does."""


def find_exam(text: str | None, served: Iterable[str]) -> str | None:
    """An exam id among those served from what someone typed ("mla-c01", "MLA", "mla c01"); None for nothing typed."""
    wanted = "-".join((text or "")[:NAME_CHARS].strip().lower().split())
    if not wanted:
        return None
    for exam in served:
        if wanted in (exam, exam.split("-")[0], exam.replace("-", "")):
            return exam
    raise UnknownExam(f"There is no exam '{shorten(text or '')}'. Choose one of: {', '.join(exam.upper() for exam in served)}.")


@dataclass(frozen=True)
class Course:
    """One exam's deck and its questions."""

    kb: KnowledgeBase
    bank: QuestionBank

    @property
    def id(self) -> str:
        return self.kb.info.id


class Courses:
    """The exams served, by id, each built on first use (so a command about one exam never loads the other's drills).
    `default` is the exam of anything that does not name one."""

    def __init__(self, makers: Mapping[str, Callable[[], Course]], default: str) -> None:
        if default not in makers:
            raise UnknownExam(f"the default exam '{default}' is not one of the decks served ({', '.join(makers)})")
        self._makers = dict(makers)
        self._built: dict[str, Course] = {}
        self.default = default

    @classmethod
    def of(cls, *courses: Course) -> Courses:
        """Courses already built; the first is the default."""
        return cls({course.id: (lambda course=course: course) for course in courses}, courses[0].id)

    def get(self, exam: str | None = None) -> Course:
        """The exam's course; the default for None, and for an exam no longer served (a record made while another
        deck was served), so old posts and sessions still show."""
        exam = exam if exam in self._makers else self.default
        if exam not in self._built:
            self._built[exam] = self._makers[exam]()
        return self._built[exam]

    def parse(self, text: str | None) -> str | None:
        return find_exam(text, self._makers)

    def owner(self, question_id: str) -> Course | None:
        """The first course whose bank has the question (the default's first)."""
        for exam in [self.default, *(exam for exam in self._makers if exam != self.default)]:
            if self.get(exam).bank.get(question_id) is not None:
                return self.get(exam)
        return None
