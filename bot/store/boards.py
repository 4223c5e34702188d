"""Keeping the standings and their points histogram (board_counts) in step, inside the caller's transaction.

A board is one ranking: a guild, a period ('all', 'week:<monday>', 'month:<YYYY-MM>') and a scope: one domain, or an exam's id
for all of that exam's domains (bot.store.periods.standing_keys).
"""

from __future__ import annotations

from collections import Counter, defaultdict

import aiosqlite

from bot.store.database import Database, fetch

BoardKey = tuple[int, str, str]  # guild_id, period, domain
ROWS_PER_STATEMENT = 2000  # 4 parameters a row: well inside SQLite's 32,766-parameter limit


async def board_ids(conn: aiosqlite.Connection, boards: list[BoardKey]) -> list[int]:
    """The ids of these boards, creating the ones that do not exist yet."""
    marks = ",".join(["(?, ?, ?)"] * len(boards))
    values = [value for board in boards for value in board]
    await conn.execute(f"INSERT OR IGNORE INTO boards (guild_id, period, domain) VALUES {marks}", values)
    found = {
        (row[1], row[2], row[3]): row[0]
        for row in await fetch(conn, f"SELECT board_id, guild_id, period, domain FROM boards WHERE (guild_id, period, domain) IN "
                                     f"(VALUES {marks})", values)
    }
    return [found[board] for board in boards]


async def find_board(db: Database, board: BoardKey) -> int | None:
    row = await db.row("SELECT board_id FROM boards WHERE guild_id = ? AND period = ? AND domain = ?", board)
    return int(row[0]) if row else None


async def add_scores(conn: aiosqlite.Connection, boards: list[BoardKey], scores: list[tuple[int, int, bool]]) -> None:
    """Add each (user_id, points, correct) to every board; users are distinct within one call.

    One multi-row upsert per chunk returns each row's new total and answer count, which tell whether the learner
    is new on the board (answered = 1) or moved from (total - points): all the histogram needs, without a read.
    """
    gained = {user: points for user, points, _ in scores}
    rows = [(board, user, points, int(correct)) for board in await board_ids(conn, boards) for user, points, correct in scores]
    moves: dict[int, Counter[int]] = defaultdict(Counter)
    for start in range(0, len(rows), ROWS_PER_STATEMENT):
        chunk = rows[start : start + ROWS_PER_STATEMENT]
        returned = await fetch(
            conn,
            "INSERT INTO standings (board_id, user_id, points, answered, correct) VALUES "
            + ",".join(["(?, ?, ?, 1, ?)"] * len(chunk))
            + " ON CONFLICT (board_id, user_id) DO UPDATE SET points = points + excluded.points, "
            "answered = answered + 1, correct = correct + excluded.correct RETURNING board_id, user_id, points, answered",
            [value for row in chunk for value in row],
        )
        for board, user, total, answered in returned:
            if answered > 1:
                moves[board][total - gained[user]] -= 1
            moves[board][total] += 1
    await _move(conn, moves)


async def remove_user(conn: aiosqlite.Connection, user_id: int) -> None:
    """Take a learner off every board of every guild they played in (forgetting them)."""
    rows = await fetch(
        conn,
        "DELETE FROM standings WHERE user_id = ? AND board_id IN "
        "(SELECT board_id FROM boards WHERE guild_id IN (SELECT guild_id FROM members WHERE user_id = ?)) "
        "RETURNING board_id, points",
        [user_id, user_id],
    )
    await _move(conn, {board: Counter({points: -1}) for board, points in rows})


async def _move(conn: aiosqlite.Connection, moves: dict[int, Counter[int]]) -> None:
    """Apply learners moving between points totals, on every board at once; emptied totals are dropped."""
    changes = [(board, points, delta) for board, counts in moves.items() for points, delta in counts.items() if delta]
    await conn.executemany(
        "INSERT INTO board_counts (board_id, points, users) VALUES (?, ?, ?) "
        "ON CONFLICT (board_id, points) DO UPDATE SET users = users + excluded.users",
        changes,
    )
    emptied = sorted({board for board, _, delta in changes if delta < 0})
    if emptied:
        marks = ",".join("?" * len(emptied))
        await conn.execute(f"DELETE FROM board_counts WHERE users = 0 AND board_id IN ({marks})", emptied)
