"""Turns a generated item into a validated `Question` (so every model rule applies), answers at varied positions."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from typing import Literal

from bot.knowledge.models import Entry
from bot.knowledge.questions import Option, Question
from bot.quiz.bank import DRILL_PREFIX

Difficulty = Literal["easy", "medium", "hard"]


@dataclass(frozen=True)
class Wrong:
    """A wrong option and the one line that says why it is wrong."""

    text: str
    why: str


def build(
    qid: str,
    entry: Entry,
    prompt: str,
    options: list[Option],
    explanation: str,
    *,
    tests: list[str] | None = None,
    difficulty: Difficulty = "medium",
    note: str | None = None,
    quoting: str | None = None,
) -> Question:
    """A question about `entry`: it takes the entry's domain, exams and documentation page (the page of the fact it is
    `quoting`, when that fact has its own), and tests the entry unless told otherwise."""
    return Question(
        kind="question",
        id=qid,
        exams=list(entry.exams),
        domain=entry.domain,
        difficulty=difficulty,
        prompt=prompt,
        options=options,
        explanation=explanation,
        tests=tests or [entry.id],
        source=entry.source_of(quoting) if quoting else entry.url,
        note=note,
    )


def question(
    qid: str,
    entry: Entry,
    prompt: str,
    right: str,
    wrong: list[Wrong],
    explanation: str,
    *,
    tests: list[str] | None = None,
    difficulty: Difficulty = "medium",
    note: str | None = None,
    quoting: str | None = None,
) -> Question:
    """A single-answer question whose options are shuffled by a seed taken from the id: the same deck always gives
    the same question, while the right answers do not all sit at A."""
    options = [Option(text=right, correct=True), *(Option(text=item.text, why=item.why) for item in wrong)]
    random.Random(qid).shuffle(options)
    return build(qid, entry, prompt, options, explanation, tests=tests, difficulty=difficulty, note=note, quoting=quoting)


def drill_id(template: str, entry_id: str, *sources: str) -> str:
    """An id made from what the drill is built from (the template, the answer and the deck text it rests on), so a deck
    edit elsewhere never changes the question behind an id, and editing that text gives the drill a new one."""
    digest = hashlib.sha1("\x1f".join((template, entry_id, *sources)).encode()).hexdigest()[:8]
    return f"{DRILL_PREFIX}{template}-{entry_id}-{digest}"


def sentence(text: str) -> str:
    """`text` ending with a full stop, so generated lines join into readable explanations."""
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else f"{text}."
