"""The store: one SQLite file behind a small set of repositories, opened and closed together."""

from __future__ import annotations

from pathlib import Path

from bot.store.answers import AnswerRequest, AnswerWriter
from bot.store.command_syncs import CommandSyncs
from bot.store.database import BUSY_TIMEOUT, Database
from bot.store.exams import Exams
from bot.store.learners import Learners
from bot.store.posts import Posts
from bot.store.records import AnswerOutcome
from bot.store.sessions import Sessions
from bot.store.standings import Standings


class Store:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.posts = Posts(db)
        self.standings = Standings(db)
        self.learners = Learners(db)
        self.sessions = Sessions(db)
        self.command_syncs = CommandSyncs(db)
        self.exams = Exams(db)
        self._answers = AnswerWriter(db)

    @classmethod
    async def open(cls, path: Path | str, *, busy_timeout: float = BUSY_TIMEOUT) -> Store:
        return cls(await Database.open(path, busy_timeout=busy_timeout))

    async def record_answer(self, request: AnswerRequest) -> AnswerOutcome:
        """Returns only after the answer is committed (or refused as a repeat or too late)."""
        return await self._answers.submit(request)

    async def close(self) -> None:
        await self._answers.close()
        await self.db.close()
