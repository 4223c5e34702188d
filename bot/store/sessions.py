"""Practice sessions: the questions chosen for a learner and how far they got."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from bot.store.database import UPSERT_USER, Database
from bot.store.timestamps import from_text, to_text


@dataclass(frozen=True)
class PracticeSession:
    session_id: int
    user_id: int
    question_ids: list[str]
    position: int
    correct: int
    missed: list[str]
    started_at: datetime
    shown_at: datetime
    # The questions frozen as shown (bot.quiz.snapshot), in session order; empty for sessions started before they were kept.
    questions: list[str] = field(default_factory=list)
    exam: str = "mls-c01"

    @property
    def finished(self) -> bool:
        return self.position >= len(self.question_ids)

    @property
    def current(self) -> str | None:
        return None if self.finished else self.question_ids[self.position]


@dataclass(frozen=True)
class Review:
    question_id: str
    domain: str
    correct: bool
    seconds: float | None
    reviewed_at: datetime
    card_due: datetime
    card_state: str


class Sessions:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def start(
        self, user_id: int, display_name: str, question_ids: list[str], now: datetime, *, questions: list[str], exam: str
    ) -> PracticeSession:
        """A new session over `question_ids`, with each question as it will be shown (`questions`, the same order)."""
        async with self._db.transaction() as conn:
            await conn.execute(UPSERT_USER, [user_id, display_name])
            [row] = await conn.rows(
                "INSERT INTO practice_sessions (user_id, question_ids, started_at, shown_at, questions, exam) "
                "VALUES (?, ?, ?, ?, ?, ?) RETURNING session_id",
                [user_id, json.dumps(question_ids), to_text(now), to_text(now), json.dumps(questions), exam],
            )
        return PracticeSession(int(row[0]), user_id, question_ids, 0, 0, [], now, now, questions, exam)

    async def get(self, session_id: int) -> PracticeSession | None:
        row = await self._db.row("SELECT * FROM practice_sessions WHERE session_id = ?", [session_id])
        if row is None:
            return None
        return PracticeSession(
            row["session_id"], row["user_id"], json.loads(row["question_ids"]), row["position"], row["correct"],
            json.loads(row["missed"]), from_text(row["started_at"]), from_text(row["shown_at"]),
            json.loads(row["questions"]) if row["questions"] else [], row["exam"],
        )

    async def record_answer(self, session: PracticeSession, review: Review) -> bool:
        """The review, the learner's updated card and the session's progress in one transaction.

        False (and nothing written) when another click already answered this question of the session.
        """
        correct = review.correct
        missed = session.missed if correct else [*session.missed, review.question_id]
        async with self._db.transaction() as conn:
            moved = await conn.execute(
                "UPDATE practice_sessions SET position = position + 1, correct = correct + ?, missed = ?, shown_at = ? "
                "WHERE session_id = ? AND position = ?",
                [int(correct), json.dumps(missed), to_text(review.reviewed_at), session.session_id, session.position],
            )
            if moved != 1:
                return False
            await conn.execute(
                "INSERT INTO reviews (user_id, question_id, domain, correct, seconds, reviewed_at) VALUES (?, ?, ?, ?, ?, ?)",
                [session.user_id, review.question_id, review.domain, int(correct), review.seconds, to_text(review.reviewed_at)],
            )
            await conn.execute(
                "INSERT INTO cards (user_id, question_id, due, state) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (user_id, question_id) DO UPDATE SET due = excluded.due, state = excluded.state",
                [session.user_id, review.question_id, to_text(review.card_due), review.card_state],
            )
        return True
