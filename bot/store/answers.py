"""Daily answers with group commit: concurrent answers share one transaction, each acknowledged after its commit."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from bot.store.boards import add_scores
from bot.store.database import UPSERT_USER, Database, fetch
from bot.store.periods import standing_keys
from bot.store.records import AnswerOutcome
from bot.store.scoring import next_streak, points_for
from bot.store.timestamps import to_text

MAX_BATCH = 500
GATHER_ROUNDS = 8


@dataclass(frozen=True)
class AnswerRequest:
    post_id: int
    user_id: int
    display_name: str
    choice: str
    correct: bool
    answered_at: datetime


class AnswerWriter:
    """A single task drains the queue: whatever arrived while the last commit ran goes into the next one."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._queue: asyncio.Queue[tuple[AnswerRequest, asyncio.Future[AnswerOutcome]]] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    async def submit(self, request: AnswerRequest) -> AnswerOutcome:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="answer-writer")
        future: asyncio.Future[AnswerOutcome] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait((request, future))
        return await future

    async def close(self) -> None:
        """Finish every answer already submitted."""
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
                    outcomes = await _write_batch(conn, [request for request, _ in batch])
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


async def _write_batch(conn: aiosqlite.Connection, requests: list[AnswerRequest]) -> list[AnswerOutcome]:
    outcomes: dict[int, AnswerOutcome] = {}
    by_post: dict[int, list[int]] = {}
    for index, request in enumerate(requests):
        by_post.setdefault(request.post_id, []).append(index)
    for post_id, indexes in sorted(by_post.items()):
        outcomes.update(await _write_post(conn, post_id, [(index, requests[index]) for index in indexes]))
    return [outcomes[index] for index in range(len(requests))]


async def _write_post(
    conn: aiosqlite.Connection, post_id: int, items: list[tuple[int, AnswerRequest]]
) -> dict[int, AnswerOutcome]:
    post = await fetch(conn, "SELECT guild_id, local_date, domain, revealed, closes_at FROM daily_posts WHERE post_id = ?", [post_id])
    if not post:
        return {index: AnswerOutcome(False, "", False, 0, 0, closed=True) for index, _ in items}
    guild_id, local_date, domain, revealed, closes_at = post[0]
    previous = await fetch(
        conn, "SELECT post_id FROM daily_posts WHERE guild_id = ? AND local_date < ? ORDER BY local_date DESC LIMIT 1",
        [guild_id, local_date],
    )
    previous_post = previous[0][0] if previous else None
    users = sorted({request.user_id for _, request in items})
    marks = ",".join("?" * len(users))
    existing = {
        row["user_id"]: row
        for row in await fetch(conn, f"SELECT * FROM answers WHERE post_id = ? AND user_id IN ({marks})", [post_id, *users])
    }
    members = {
        row["user_id"]: row
        for row in await fetch(conn, f"SELECT * FROM members WHERE guild_id = ? AND user_id IN ({marks})", [guild_id, *users])
    }

    outcomes: dict[int, AnswerOutcome] = {}
    fresh: dict[int, tuple[AnswerRequest, AnswerOutcome]] = {}
    for index, request in items:
        earlier = existing.get(request.user_id)
        if earlier is not None:
            outcomes[index] = AnswerOutcome(False, earlier["choice"], bool(earlier["correct"]), earlier["points"], earlier["streak"])
        elif request.user_id in fresh:
            outcomes[index] = _refused(fresh[request.user_id][1])
        elif revealed or to_text(request.answered_at) >= closes_at:
            outcomes[index] = AnswerOutcome(False, "", False, 0, 0, closed=True)
        else:
            member = members.get(request.user_id)
            before = member["streak"] if member is not None and member["last_post_id"] == previous_post else 0
            streak = next_streak(before, request.correct)
            outcome = AnswerOutcome(True, request.choice, request.correct, points_for(request.correct, streak), streak)
            fresh[request.user_id] = (request, outcome)
            outcomes[index] = outcome
    if fresh:
        await _insert(conn, post_id, guild_id, date.fromisoformat(local_date), domain, list(fresh.values()))
    return outcomes


def _refused(recorded: AnswerOutcome) -> AnswerOutcome:
    return AnswerOutcome(False, recorded.choice, recorded.correct, recorded.points, recorded.streak)


async def _insert(
    conn: aiosqlite.Connection, post_id: int, guild_id: int, local_date: date, domain: str,
    fresh: list[tuple[AnswerRequest, AnswerOutcome]],
) -> None:
    await conn.executemany(UPSERT_USER, [(request.user_id, request.display_name) for request, _ in fresh])
    await conn.executemany(
        "INSERT INTO answers (post_id, user_id, choice, correct, points, streak, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (post_id, request.user_id, out.choice, int(out.correct), out.points, out.streak, to_text(request.answered_at))
            for request, out in fresh
        ],
    )
    boards = [(guild_id, period, scope) for period, scope in standing_keys(local_date, domain)]
    await add_scores(conn, boards, [(request.user_id, out.points, out.correct) for request, out in fresh])
    await conn.executemany(
        "INSERT INTO members (guild_id, user_id, streak, best_streak, last_post_id, display_name) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (guild_id, user_id) DO UPDATE SET best_streak = max(best_streak, excluded.streak), "
        "streak = CASE WHEN excluded.last_post_id > coalesce(last_post_id, 0) THEN excluded.streak ELSE streak END, "
        "last_post_id = max(coalesce(last_post_id, 0), excluded.last_post_id), display_name = excluded.display_name",
        [(guild_id, request.user_id, out.streak, out.streak, post_id, request.display_name) for request, out in fresh],
    )
