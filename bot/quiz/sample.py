"""A reproducible sample of the bank as learners see it, for audits (`studybot quiz sample`)."""

from __future__ import annotations

import random
from typing import Any

from bot.quiz.bank import QuestionBank


def sample_questions(bank: QuestionBank, count: int, seed: int) -> list[dict[str, Any]]:
    """`count` distinct questions drawn with `seed`; raises ValueError when the bank has fewer."""
    pool = sorted(bank.all(), key=lambda question: question.id)
    if not 1 <= count <= len(pool):
        raise ValueError(f"--count must be between 1 and {len(pool)} (the size of the bank)")
    return [
        {
            "id": question.id,
            "kind": bank.source(question.id),
            "domain": question.domain,
            "prompt": question.prompt,
            "format": question.kind,
            "options": question.choices,
            "items": question.items,
            "answer": question.answer,
            "explanation": question.explanation,
            "note": question.note,
            "task": question.task,
            "source": str(question.source) if question.source else None,
            "rationales": [question.rationale(index) or question.explanation for index in range(len(question.choices))],
            "entries": list(question.tests),
            "exams": list(question.exams),
        }
        for question in random.Random(seed).sample(pool, count)
    ]
