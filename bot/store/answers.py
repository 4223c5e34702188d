"""Daily answers with group commit: concurrent answers share one transaction, each acknowledged after its commit.

SQLite takes one writer at a time, so there is one lane. A PostgreSQL server runs several transactions at once, so
answers are spread over a few lanes by learner: each lane group-commits on its own connection, and a learner's
answers always go through the same lane, in order (a streak is read and written by one transaction at a time).
"""

from __future__ import annotations

import asyncio

from bot.store.answer_batch import AnswerRequest, write_batch
from bot.store.boards import BoardIds
from bot.store.database import Database
from bot.store.records import AnswerOutcome

__all__ = ["AnswerRequest", "AnswerWriter"]

MAX_BATCH = 500
GATHER_ROUNDS = 8


class AnswerWriter:
    """One lane per concurrent writer the database allows; a learner's answers always take the same lane."""

    def __init__(self, db: Database) -> None:
        boards = BoardIds()  # shared by the lanes: ids of committed boards
        self._lanes = [_Lane(db, number, boards) for number in range(db.writers)]

    async def submit(self, request: AnswerRequest) -> AnswerOutcome:
        return await self._lanes[request.user_id % len(self._lanes)].submit(request)

    async def close(self) -> None:
        """Finish every answer already submitted."""
        for lane in self._lanes:
            await lane.close()


class _Lane:
    """A single task drains the queue: whatever arrived while the last commit ran goes into the next one."""

    def __init__(self, db: Database, number: int, boards: BoardIds) -> None:
        self._boards = boards
        self._name = f"answer-writer-{number}"
        self._db = db
        self._queue: asyncio.Queue[tuple[AnswerRequest, asyncio.Future[AnswerOutcome]]] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    async def submit(self, request: AnswerRequest) -> AnswerOutcome:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name=self._name)
        future: asyncio.Future[AnswerOutcome] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait((request, future))
        return await future

    async def close(self) -> None:
        await self._queue.join()

    async def _gather_arrivals(self) -> None:
        """Let writers woken by the last commit enqueue their next answer before the batch is cut."""
        for _ in range(GATHER_ROUNDS):
            waiting = self._queue.qsize()
            await asyncio.sleep(0)
            if self._queue.qsize() == waiting or self._queue.qsize() >= MAX_BATCH:
                return

    async def _run(self) -> None:
        """Drain the queue, then end: an idle writer holds no task open (submit starts a new one)."""
        while not self._queue.empty():
            batch = [self._queue.get_nowait()]
            await self._gather_arrivals()
            while len(batch) < MAX_BATCH and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            try:
                async with self._db.transaction() as conn:
                    outcomes = await write_batch(conn, [request for request, _ in batch], self._boards)
            except Exception as error:  # every waiter learns of the failure; nothing was committed
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error)
            else:
                for (_, future), outcome in zip(batch, outcomes, strict=True):
                    if not future.done():
                        future.set_result(outcome)
            finally:
                for _ in batch:
                    self._queue.task_done()
