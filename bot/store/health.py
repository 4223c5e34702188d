"""Checks of what the store derives (the points histogram behind ranks), the same on either database."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.store.database import Database

_HISTOGRAM = "SELECT board_id, points, COUNT(*) FROM standings GROUP BY board_id, points"


async def derived_problems(db: Database) -> list[str]:
    """One line per disagreement between board_counts and the standings it counts (none in a sound store)."""
    kept = await db.row(f"SELECT COUNT(*) FROM (SELECT board_id, points, users FROM board_counts EXCEPT {_HISTOGRAM}) extra")
    missing = await db.row(f"SELECT COUNT(*) FROM ({_HISTOGRAM} EXCEPT SELECT board_id, points, users FROM board_counts) absent")
    wrong = (kept[0] if kept else 0) + (missing[0] if missing else 0)
    if not wrong:
        return []
    return [f"board_counts disagrees with standings in {wrong} (board, points) rows: leaderboard ranks may be off"]
