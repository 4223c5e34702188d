"""Leaderboards read from the standings table: ranked pages, the caller's own rank, ties ranked alike."""

from __future__ import annotations

from bot.store.boards import find_board
from bot.store.database import Database, Row
from bot.store.records import Leaderboard, Standing

_PAGE = (
    "SELECT s.user_id, coalesce(m.display_name, u.display_name) AS display_name, s.points, s.answered, s.correct, m.streak, "
    "m.last_post_id "
    "FROM standings s JOIN users u ON u.user_id = s.user_id "
    "LEFT JOIN members m ON m.guild_id = ? AND m.user_id = s.user_id "
    "WHERE s.board_id = ? "
)


class Standings:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def leaderboard(
        self, guild_id: int, period_key: str, domain: str, *, limit: int = 10, offset: int = 0, caller_id: int | None = None
    ) -> Leaderboard:
        """A ranked page plus the caller's own standing; ranks count who has strictly more points, so ties share one.

        Board size and ranks come from board_counts (learners per points total), a few dozen rows however many
        learners there are, instead of counting every learner ahead; a deep page seeks to its points bucket
        through them too, so page 500 skips only the ties before it, not 5,000 rows.
        """
        live = await live_posts(self._db, guild_id)
        board = await find_board(self._db, (guild_id, period_key, domain))
        if board is None:
            return Leaderboard(period_key, domain, 0, [], None)
        key: list[object] = [guild_id, board]
        counts = await self._db.rows("SELECT points, users FROM board_counts WHERE board_id = ? ORDER BY points DESC", [board])
        total = sum(users for _, users in counts)

        def ahead_of(points: int) -> int:
            return sum(users for held, users in counts if held > points)

        start, skip = _seek(counts, offset)
        page = await self._db.rows(
            _PAGE + "AND s.points <= ? ORDER BY s.points DESC, s.user_id LIMIT ? OFFSET ?", [*key, start, limit, skip]
        )
        mine = await self._db.rows(_PAGE + "AND s.user_id = ?", [*key, caller_id]) if caller_id is not None else []
        rows: list[Standing] = []
        for position, row in enumerate(page):
            if position == 0:
                rank = ahead_of(row["points"]) + 1
            elif row["points"] == page[position - 1]["points"]:
                rank = rows[-1].rank
            else:
                rank = offset + position + 1
            rows.append(_standing(rank, row, live))
        caller = _standing(ahead_of(mine[0]["points"]) + 1, mine[0], live) if mine else None
        return Leaderboard(period_key, domain, total, rows, caller)


def _seek(counts: list[Row], offset: int) -> tuple[int, int]:
    """The points total the `offset`-th learner holds, and how many holders of it come before them."""
    ahead = 0
    for points, users in counts:
        if ahead + users > offset:
            return points, offset - ahead
        ahead += users
    return -1, 0  # past the end: an empty page


LivePosts = tuple[int | None, int | None, bool]


async def live_posts(db: Database, guild_id: int) -> LivePosts:
    """The guild's latest post, the one before it, and whether the latest is closed: what keeps a streak alive."""
    rows = await db.rows("SELECT post_id, revealed FROM daily_posts WHERE guild_id = ? ORDER BY local_date DESC LIMIT 2", [guild_id])
    latest = rows[0]["post_id"] if rows else None
    previous = rows[1]["post_id"] if len(rows) > 1 else None
    return latest, previous, bool(rows and rows[0]["revealed"])


def current_streak(streak: int | None, last_post_id: int | None, live: LivePosts) -> int:
    """A streak is alive if it reaches the latest post, or the one before while the latest is still open."""
    latest, previous, latest_closed = live
    if not streak or last_post_id is None:
        return 0
    if last_post_id == latest or (last_post_id == previous and not latest_closed):
        return streak
    return 0


def _standing(rank: int, row: Row, live: LivePosts) -> Standing:
    return Standing(
        rank=rank, user_id=row["user_id"], display_name=row["display_name"], points=row["points"],
        answered=row["answered"], correct=row["correct"], streak=current_streak(row["streak"], row["last_post_id"], live),
    )
