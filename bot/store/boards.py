"""Keeping the standings and their points histogram (board_counts) in step, inside the caller's transaction.

A board is one ranking: a guild, a period ('all', 'week:<monday>', 'month:<YYYY-MM>') and a scope: one domain, or an exam's id
for all of that exam's domains (bot.store.periods.standing_keys).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import chain
from operator import itemgetter

from bot.store.database import Database, Transaction

BoardKey = tuple[int, str, str]  # guild_id, period, domain
# 5 parameters a row: well inside SQLite's 32,766-parameter limit and PostgreSQL's 32,767.
ROWS_PER_STATEMENT = 1600
_KEY, _ADDED = itemgetter(0, 1), itemgetter(2, 3)  # of a standings row: (board_id, user), (points, answers)


async def _known(conn: Transaction, boards: list[BoardKey]) -> dict[BoardKey, int]:
    wanted = " OR ".join(["(guild_id = ? AND period = ? AND domain = ?)"] * len(boards))
    values = [value for board in boards for value in board]
    rows = await conn.rows(f"SELECT board_id, guild_id, period, domain FROM boards WHERE {wanted}", values)
    return {(row[1], row[2], row[3]): row[0] for row in rows}


class BoardIds:
    """The ids of boards, creating the ones that do not exist yet (another process may create one at the same
    moment: the unique key keeps one).

    A board is never renamed or deleted, so an id found already committed is remembered: a round trip less for
    each group commit. One created in this transaction is not, since the transaction may yet roll back. Bounded:
    forgotten all at once past LIMIT.
    """

    LIMIT = 100_000

    def __init__(self) -> None:
        self.known: dict[BoardKey, int] = {}

    async def of(self, conn: Transaction, boards: list[BoardKey]) -> list[int]:
        found = {board: self.known[board] for board in boards if board in self.known}
        if unknown := [board for board in boards if board not in found]:
            existing = await _known(conn, unknown)
            if len(self.known) + len(existing) > self.LIMIT:
                self.known.clear()
            self.known.update(existing)
            found.update(existing)
            if missing := [board for board in unknown if board not in existing]:
                marks = ",".join(["(?, ?, ?)"] * len(missing))
                await conn.execute(
                    f"INSERT INTO boards (guild_id, period, domain) VALUES {marks} ON CONFLICT DO NOTHING",
                    [value for board in missing for value in board],
                )
                found.update(await _known(conn, missing))
        return [found[board] for board in boards]


async def find_board(db: Database, board: BoardKey) -> int | None:
    row = await db.row("SELECT board_id FROM boards WHERE guild_id = ? AND period = ? AND domain = ?", board)
    return int(row[0]) if row else None


async def add_scores(conn: Transaction, scores: list[tuple[BoardKey, int, int, bool]], ids: BoardIds) -> None:
    """Add each (board, user_id, points, correct) to its board; a learner may score twice on one board in a batch.

    One multi-row upsert per chunk (a row per board and learner) returns each row's new total and answer count,
    which tell whether the learner is new on the board (as many answers as just added) or moved from (total -
    points): all the histogram needs, without a read. Rows are written in key order, so two processes writing the
    same boards wait for each other, never deadlock.
    """
    keys = sorted({score[0] for score in scores})
    board = dict(zip(keys, await ids.of(conn, keys), strict=True))
    rows = sorted([(board[key], user, points, 1, int(correct)) for key, user, points, correct in scores])
    if len(set(map(_KEY, rows))) < len(rows):  # rare: a learner answered two posts of one board in this batch
        rows = _summed(rows)
    added = dict(zip(map(_KEY, rows), map(_ADDED, rows), strict=True))  # (board_id, user) -> points and answers added
    moves: dict[int, Counter[int]] = defaultdict(Counter)
    for start in range(0, len(rows), ROWS_PER_STATEMENT):
        chunk = rows[start : start + ROWS_PER_STATEMENT]
        returned = await conn.rows(
            "INSERT INTO standings (board_id, user_id, points, answered, correct) VALUES "
            + ",".join(["(?, ?, ?, ?, ?)"] * len(chunk))
            + " ON CONFLICT (board_id, user_id) DO UPDATE SET points = standings.points + excluded.points, "
            "answered = standings.answered + excluded.answered, correct = standings.correct + excluded.correct "
            "RETURNING board_id, user_id, points, answered",
            list(chain.from_iterable(chunk)),
        )
        for board, user, total, answered in returned:
            points, count = added[(board, user)]
            if answered > count:
                moves[board][total - points] -= 1
            moves[board][total] += 1
    await _move(conn, moves)


def _summed(rows: list[tuple[int, int, int, int, int]]) -> list[tuple[int, int, int, int, int]]:
    """One row per (board, user), sorted rows' points, answers and right answers added up."""
    summed: dict[tuple[int, int], tuple[int, int, int]] = {}
    for board, user, points, answers, right in rows:
        held = summed.get((board, user), (0, 0, 0))
        summed[(board, user)] = (held[0] + points, held[1] + answers, held[2] + right)
    return [(*key, *totals) for key, totals in summed.items()]


async def remove_user(conn: Transaction, user_id: int) -> None:
    """Take a learner off every board of every guild they played in (forgetting them)."""
    rows = await conn.rows(
        "DELETE FROM standings WHERE user_id = ? AND board_id IN "
        "(SELECT board_id FROM boards WHERE guild_id IN (SELECT guild_id FROM members WHERE user_id = ?)) "
        "RETURNING board_id, points",
        [user_id, user_id],
    )
    await _move(conn, {board: Counter({points: -1}) for board, points in rows})


async def _move(conn: Transaction, moves: dict[int, Counter[int]]) -> None:
    """Apply learners moving between points totals, on every board at once; emptied totals are dropped."""
    changes = sorted((board, points, delta) for board, counts in moves.items() for points, delta in counts.items() if delta)
    await conn.executemany(
        "INSERT INTO board_counts (board_id, points, users) VALUES (?, ?, ?) "
        "ON CONFLICT (board_id, points) DO UPDATE SET users = board_counts.users + excluded.users",
        changes,
    )
    emptied = sorted({board for board, _, delta in changes if delta < 0})
    if emptied:
        marks = ",".join("?" * len(emptied))
        await conn.execute(f"DELETE FROM board_counts WHERE users = 0 AND board_id IN ({marks})", emptied)
