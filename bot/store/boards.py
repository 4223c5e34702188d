"""Keeping the standings and their points histogram (board_counts) in step, inside the caller's transaction."""

from __future__ import annotations

from collections import Counter, defaultdict

import aiosqlite

from bot.store.database import fetch

BoardKey = tuple[int, str, str]  # guild_id, period, domain
ROWS_PER_STATEMENT = 1000  # 6 parameters a row: well inside SQLite's 32,766-parameter limit


async def add_scores(conn: aiosqlite.Connection, boards: list[BoardKey], scores: list[tuple[int, int, bool]]) -> None:
    """Add each (user_id, points, correct) to every board; users are distinct within one call.

    One multi-row upsert per chunk returns each row's new total and answer count, which tell whether the learner
    is new on the board (answered = 1) or moved from (total - points): all the histogram needs, without a read.
    """
    gained = {user: points for user, points, _ in scores}
    rows = [(*board, user, points, int(correct)) for board in boards for user, points, correct in scores]
    moves: dict[BoardKey, Counter[int]] = defaultdict(Counter)
    for start in range(0, len(rows), ROWS_PER_STATEMENT):
        chunk = rows[start : start + ROWS_PER_STATEMENT]
        returned = await fetch(
            conn,
            "INSERT INTO standings (guild_id, period, domain, user_id, points, answered, correct) VALUES "
            + ",".join(["(?, ?, ?, ?, ?, 1, ?)"] * len(chunk))
            + " ON CONFLICT (guild_id, period, domain, user_id) DO UPDATE SET points = points + excluded.points, "
            "answered = answered + 1, correct = correct + excluded.correct "
            "RETURNING guild_id, period, domain, user_id, points, answered",
            [value for row in chunk for value in row],
        )
        for guild_id, period, domain, user, total, answered in returned:
            board = moves[(guild_id, period, domain)]
            if answered > 1:
                board[total - gained[user]] -= 1
            board[total] += 1
    for board, counts in moves.items():
        await _move(conn, board, counts)


async def remove_user(conn: aiosqlite.Connection, user_id: int) -> None:
    """Take a learner off every board (forgetting them)."""
    rows = await fetch(conn, "DELETE FROM standings WHERE user_id = ? RETURNING guild_id, period, domain, points", [user_id])
    for guild_id, period, domain, points in rows:
        await _move(conn, (guild_id, period, domain), Counter({points: -1}))


async def _move(conn: aiosqlite.Connection, board: BoardKey, counts: Counter[int]) -> None:
    changes = [(*board, points, delta) for points, delta in counts.items() if delta]
    await conn.executemany(
        "INSERT INTO board_counts (guild_id, period, domain, points, users) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (guild_id, period, domain, points) DO UPDATE SET users = users + excluded.users",
        changes,
    )
    if any(delta < 0 for *_, delta in changes):
        await conn.execute("DELETE FROM board_counts WHERE guild_id = ? AND period = ? AND domain = ? AND users = 0", board)
