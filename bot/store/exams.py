"""Mock exams: the paper (each question frozen as shown), the learner's answers and flags, where they are, the end."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.store.database import UPSERT_USER, Database, Row
from bot.store.timestamps import from_text, to_text

OPEN = "open"
ENDINGS = ("submitted", "expired", "abandoned")


@dataclass(frozen=True)
class ExamRecord:
    exam_id: int
    user_id: int
    deck: str
    state: str
    position: int
    started_at: datetime
    deadline: datetime
    finished_at: datetime | None
    correct: int | None
    channel_id: int | None
    message_id: int | None

    @property
    def open(self) -> bool:
        return self.state == OPEN


@dataclass(frozen=True)
class ExamItem:
    position: int
    question_id: str
    domain: str
    question: str  # the question as shown, frozen (bot.quiz.snapshot)
    choice: str | None
    correct: bool | None
    flagged: bool


@dataclass(frozen=True)
class PaperItem:
    question_id: str
    domain: str
    question: str


@dataclass(frozen=True)
class CardUpdate:
    """A learner's spaced-repetition card after an exam answered (or left) its question."""

    question_id: str
    due: datetime
    state: str


class ExamExists(Exception):
    """The learner already has an open exam."""


def _record(row: Row) -> ExamRecord:
    return ExamRecord(
        row["exam_id"], row["user_id"], row["deck"], row["state"], row["position"], from_text(row["started_at"]),
        from_text(row["deadline"]), from_text(row["finished_at"]) if row["finished_at"] else None, row["correct"],
        row["channel_id"], row["message_id"],
    )


def _item(row: Row) -> ExamItem:
    correct = None if row["correct"] is None else bool(row["correct"])
    return ExamItem(row["position"], row["question_id"], row["domain"], row["question"], row["choice"], correct, bool(row["flagged"]))


class Exams:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def start(
        self, user_id: int, display_name: str, deck: str, paper: list[PaperItem], started_at: datetime, deadline: datetime
    ) -> int:
        """A new open exam with its paper; raises ExamExists when the learner already has one open."""
        async with self._db.transaction() as conn:
            await conn.execute(UPSERT_USER, [user_id, display_name])
            created = await conn.rows(  # the partial unique index allows one open exam per learner
                "INSERT INTO exams (user_id, deck, started_at, deadline) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING exam_id",
                [user_id, deck, to_text(started_at), to_text(deadline)],
            )
            if not created:
                raise ExamExists(user_id)
            exam_id = int(created[0][0])
            await conn.executemany(
                "INSERT INTO exam_items (exam_id, position, question_id, domain, question) VALUES (?, ?, ?, ?, ?)",
                [[exam_id, position, item.question_id, item.domain, item.question] for position, item in enumerate(paper)],
            )
        return exam_id

    async def get(self, exam_id: int) -> ExamRecord | None:
        row = await self._db.row("SELECT * FROM exams WHERE exam_id = ?", [exam_id])
        return _record(row) if row else None

    async def open_for(self, user_id: int) -> ExamRecord | None:
        row = await self._db.row("SELECT * FROM exams WHERE user_id = ? AND state = ?", [user_id, OPEN])
        return _record(row) if row else None

    async def items(self, exam_id: int) -> list[ExamItem]:
        return [_item(row) for row in await self._db.rows("SELECT * FROM exam_items WHERE exam_id = ? ORDER BY position", [exam_id])]

    async def answer(self, exam_id: int, position: int, choice: str, correct: bool) -> bool:
        """Record (or change) the answer at `position` of an open exam; False when the exam is no longer open."""
        async with self._db.transaction() as conn:
            changed = await conn.execute(
                "UPDATE exam_items SET choice = ?, correct = ? WHERE exam_id = ? AND position = ? "
                "AND EXISTS (SELECT 1 FROM exams WHERE exam_id = ? AND state = ?)",
                [choice, int(correct), exam_id, position, exam_id, OPEN],
            )
        return changed == 1

    async def flag(self, exam_id: int, position: int, flagged: bool) -> None:
        async with self._db.transaction() as conn:
            await conn.execute("UPDATE exam_items SET flagged = ? WHERE exam_id = ? AND position = ?", [int(flagged), exam_id, position])

    async def move(self, exam_id: int, position: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute("UPDATE exams SET position = ? WHERE exam_id = ? AND state = ?", [position, exam_id, OPEN])

    async def finish(self, exam_id: int, state: str, at: datetime, cards: Sequence[CardUpdate] = ()) -> bool:
        """End an open exam as submitted, expired or abandoned, with the learner's spaced-repetition cards updated in
        the same transaction; True for the one caller that ended it (nothing is written for the others)."""
        if state not in ENDINGS:
            raise ValueError(f"an exam ends as one of {ENDINGS}, not {state!r}")
        async with self._db.transaction() as conn:
            ended = await conn.execute(
                "UPDATE exams SET state = ?, finished_at = ?, "
                "correct = (SELECT COUNT(*) FROM exam_items WHERE exam_id = ? AND correct = 1) "
                "WHERE exam_id = ? AND state = ?",
                [state, to_text(at), exam_id, exam_id, OPEN],
            ) == 1
            if ended and cards:
                await conn.executemany(
                    "INSERT INTO cards (user_id, question_id, due, state) "
                    "SELECT user_id, ?, ?, ? FROM exams WHERE exam_id = ? "
                    "ON CONFLICT (user_id, question_id) DO UPDATE SET due = excluded.due, state = excluded.state",
                    [[card.question_id, to_text(card.due), card.state, exam_id] for card in cards],
                )
        return ended

    async def set_message(self, exam_id: int, channel_id: int, message_id: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute("UPDATE exams SET channel_id = ?, message_id = ? WHERE exam_id = ?", [channel_id, message_id, exam_id])

    async def history(self, user_id: int, limit: int = 10, deck: str | None = None) -> list[ExamRecord]:
        """Finished attempts (submitted or expired), newest first: of one deck's exam, or of all."""
        of_deck = "" if deck is None else " AND deck = ?"
        rows = await self._db.rows(
            f"SELECT * FROM exams WHERE user_id = ? AND state IN ('submitted', 'expired'){of_deck} ORDER BY started_at DESC LIMIT ?",
            [user_id, *([] if deck is None else [deck]), limit],
        )
        return [_record(row) for row in rows]

    async def last_paper(self, user_id: int) -> list[str]:
        """The question ids of the learner's latest exam, open or not."""
        rows = await self._db.rows(
            "SELECT question_id FROM exam_items WHERE exam_id = "
            "(SELECT exam_id FROM exams WHERE user_id = ? ORDER BY started_at DESC, exam_id DESC LIMIT 1)",
            [user_id],
        )
        return [row[0] for row in rows]

    async def overdue(self, now: datetime) -> list[ExamRecord]:
        """Open exams whose time is up."""
        rows = await self._db.rows("SELECT * FROM exams WHERE state = ? AND deadline <= ? ORDER BY deadline", [OPEN, to_text(now)])
        return [_record(row) for row in rows]
