"""Editorial checks of a deck's authored questions: what a test-wise guesser could exploit without knowing anything,
and what every question must carry. `studybot kb check` prints the figures and refuses the problems.

Two guessers are scored over the single-answer questions: one always picks the longest option, the other the option
sharing the most content words with the stem (ties split evenly, as a guesser picking at random among them would).
A well-made bank keeps both near chance (about 25 % with four options).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz, utils

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.errors import DeckIssue
from bot.knowledge.models import Domain
from bot.knowledge.questions import Question, QuestionBase
from bot.matching.mentions import Mentions
from bot.matching.text import terms

# A code identifier (binary_classifier_model_selection_criteria) names a setting, not an entry.
_IDENTIFIER = re.compile(r"\b\w+_\w+\b")
# A right option longer than this many times every wrong option gives itself away.
LENGTH_RATIO = 1.5
# Two stems scoring above this (rapidfuzz token_set_ratio, 0-100) ask the same thing.
NEAR_DUPLICATE = 90.0
# What a stem says when it states a requirement, as the exam's stems do.
REQUIREMENT = re.compile(
    r"\b(?:LEAST|MOST|FEWEST|lowest|highest|fastest|cheapest|minimi[sz]e|maximi[sz]e|without (?:managing|provisioning|"
    r"writing|changing|retraining|moving|building)|no (?:ML|machine learning) (?:expertise|experience)|must|requirements?)\b"
)


@dataclass(frozen=True)
class Guessers:
    """Scores (0-1) of the two blind guessers over `questions` single-answer questions."""

    questions: int
    longest: float
    overlap: float


@dataclass(frozen=True)
class BankAudit:
    problems: list[DeckIssue]
    overall: Guessers
    by_domain: dict[Domain, Guessers]
    authored: int
    multiple_share: float
    requirement_share: float
    mean_stem_words: float
    by_task: dict[str, list[str]]

    def report(self) -> str:
        """The figures `kb check` prints under the deck's summary."""
        def pct(value: float) -> str:
            return f"{value:.0%}"

        lines = [
            f"authored questions: {self.authored}, {pct(self.multiple_share)} multiple response, "
            f"{pct(self.requirement_share)} state a requirement, stems {self.mean_stem_words:.0f} words on average",
            f"blind guessers over {self.overall.questions} single-answer questions: longest option {pct(self.overall.longest)}, "
            f"most words shared with the stem {pct(self.overall.overlap)}",
        ]
        for domain, guess in self.by_domain.items():
            lines.append(f"  {domain}: {guess.questions} single-answer, longest {pct(guess.longest)}, shared words {pct(guess.overlap)}")
        return "\n".join(lines)


def _pick_score(question: Question, score: Callable[[str], float]) -> float:
    """The chance that a guesser picking the option with the highest score (at random among ties) is right."""
    values = [score(option.text) for option in question.options]
    best = [index for index, value in enumerate(values) if value == max(values)]
    return sum(question.options[index].correct for index in best) / len(best)


def guessers(questions: Sequence[QuestionBase]) -> Guessers:
    single = [question for question in questions if isinstance(question, Question) and not question.multiple]
    if not single:
        return Guessers(0, 0.0, 0.0)
    longest = sum(_pick_score(question, len) for question in single)
    overlap = 0.0
    for question in single:
        stem = set(terms(question.prompt))
        overlap += _pick_score(question, lambda text, stem=stem: len(stem & set(terms(text))))
    return Guessers(len(single), longest / len(single), overlap / len(single))


def _stem_names_answer(question: Question, mentions: Mentions) -> set[str]:
    """Entries that only the right options name and that the stem names too (code identifiers aside: they name
    settings, not entries)."""
    def named(text: str) -> set[str]:
        return mentions.named(_IDENTIFIER.sub(" ", text))

    right = set().union(*(named(option.text) for option in question.options if option.correct))
    wrong = set().union(*(named(option.text) for option in question.options if not option.correct))
    return (right - wrong) & named(question.prompt)


def _length_giveaway(question: Question) -> float | None:
    """How many times longer a right option is than every wrong one, when that exceeds LENGTH_RATIO."""
    longest_wrong = max(len(option.text) for option in question.options if not option.correct)
    ratio = max(len(option.text) for option in question.options if option.correct) / longest_wrong
    return ratio if ratio > LENGTH_RATIO else None


def audit(kb: KnowledgeBase) -> BankAudit:
    questions = list(kb.questions.values())
    problems: list[DeckIssue] = []

    def problem(question: QuestionBase, field: str, message: str) -> None:
        path, line = kb.origins.get(question.id, (kb.info.id, None))
        problems.append(DeckIssue(path, line, f"question '{question.id}' {field}", message))

    mentions = Mentions(kb.entries.values())
    by_task: dict[str, list[str]] = defaultdict(list)
    for question in questions:
        if question.source is None:
            problem(question, "source", "name the AWS documentation page the answer rests on")
        if kb.info.tasks and question.task is None:
            problem(question, "task", "name the exam guide task statement the question exercises")
        by_task[question.task or "none"].append(question.id)
        if not isinstance(question, Question):  # ordering and matching have no wrong options to compare against
            continue
        if (ratio := _length_giveaway(question)) is not None:
            problem(question, "options", f"the right option is {ratio:.1f}x as long as any wrong one: a giveaway")
        if not question.names_answer and (named := _stem_names_answer(question, mentions)):
            listed = ", ".join(sorted(kb.entries[entry_id].name for entry_id in named))
            problem(question, "prompt", f"the stem names the right answer ({listed}); reword it, or set names_answer if intended")
    prompts = [(question, utils.default_process(question.prompt)) for question in questions]
    for (one, one_text), (other, other_text) in combinations(prompts, 2):
        if fuzz.token_set_ratio(one_text, other_text) > NEAR_DUPLICATE:
            problem(other, "prompt", f"nearly the same stem as question '{one.id}'")

    return BankAudit(
        problems=problems,
        overall=guessers(questions),
        by_domain={domain: guessers([q for q in questions if q.domain == domain]) for domain in kb.info.weights},
        authored=len(questions),
        multiple_share=sum(isinstance(q, Question) and q.multiple for q in questions) / len(questions) if questions else 0.0,
        requirement_share=sum(bool(REQUIREMENT.search(q.prompt)) for q in questions) / len(questions) if questions else 0.0,
        mean_stem_words=sum(len(q.prompt.split()) for q in questions) / len(questions) if questions else 0.0,
        by_task=dict(sorted(by_task.items())),
    )
