"""What one learner has done: tallies for stats and weak areas, practice reviews and their cards, reports, forgetting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.store.boards import remove_user
from bot.store.database import UPSERT_USER, Database, fetch
from bot.store.records import Tally
from bot.store.standings import current_streak, live_posts
from bot.store.timestamps import from_text, to_text


@dataclass(frozen=True)
class Streaks:
    current: int
    best: int


@dataclass(frozen=True)
class Card:
    question_id: str
    due: datetime
    state: str


@dataclass(frozen=True)
class Report:
    report_id: int
    user_id: int
    display_name: str
    question_id: str
    reason: str
    created_at: datetime


class Learners:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def question_tallies(self, user_id: int) -> list[tuple[str, str, int, int]]:
        """(question_id, domain, answered, correct) over daily answers, practice reviews and finished mock exams (where an
        unanswered question counts as missed)."""
        rows = await self._db.rows(
            "SELECT question_id, domain, COUNT(*), SUM(correct) FROM ("
            " SELECT p.question_id, p.domain, a.correct FROM answers a JOIN daily_posts p USING (post_id) WHERE a.user_id = ?"
            " UNION ALL SELECT question_id, domain, correct FROM reviews WHERE user_id = ?"
            " UNION ALL SELECT i.question_id, i.domain, COALESCE(i.correct, 0) FROM exam_items i JOIN exams e USING (exam_id)"
            "  WHERE e.user_id = ? AND e.state IN ('submitted', 'expired')"
            ") GROUP BY question_id, domain",
            [user_id, user_id, user_id],
        )
        return [(row[0], row[1], row[2], row[3]) for row in rows]

    async def domain_tallies(self, user_id: int) -> list[Tally]:
        totals: dict[str, list[int]] = {}
        for _, domain, answered, correct in await self.question_tallies(user_id):
            bucket = totals.setdefault(domain, [0, 0])
            bucket[0] += answered
            bucket[1] += correct
        return [Tally(domain, answered, correct) for domain, (answered, correct) in sorted(totals.items())]

    async def streaks(self, user_id: int, guild_id: int | None = None) -> Streaks:
        """Current and best daily streak, in one guild or the best over all guilds."""
        sql = "SELECT guild_id, streak, best_streak, last_post_id FROM members WHERE user_id = ?"
        if guild_id is None:
            rows = await self._db.rows(sql, [user_id])
        else:
            rows = await self._db.rows(sql + " AND guild_id = ?", [user_id, guild_id])
        current = best = 0
        for row in rows:
            live = await live_posts(self._db, row["guild_id"])
            current = max(current, current_streak(row["streak"], row["last_post_id"], live))
            best = max(best, row["best_streak"])
        return Streaks(current, best)

    async def cards(self, user_id: int) -> list[Card]:
        rows = await self._db.rows("SELECT question_id, due, state FROM cards WHERE user_id = ? ORDER BY due", [user_id])
        return [Card(row[0], from_text(row[1]), row[2]) for row in rows]

    async def daily_tallies(self, user_id: int, guild_id: int) -> list[Tally]:
        """Daily answers in one guild, per domain: what that guild's leaderboards already show of a learner."""
        rows = await self._db.rows(
            "SELECT p.domain, COUNT(*), SUM(a.correct) FROM answers a JOIN daily_posts p USING (post_id) "
            "WHERE a.user_id = ? AND p.guild_id = ? GROUP BY p.domain ORDER BY p.domain",
            [user_id, guild_id],
        )
        return [Tally(row[0], row[1], row[2]) for row in rows]

    async def add_report(self, guild_id: int | None, user_id: int, display_name: str, question_id: str, reason: str, at: datetime) -> int:
        async with self._db.transaction() as conn:
            await conn.execute(UPSERT_USER, [user_id, display_name])
            if guild_id is not None:  # the name the reporter has in this guild, for its admins
                await conn.execute(
                    "INSERT INTO members (guild_id, user_id, display_name) VALUES (?, ?, ?) "
                    "ON CONFLICT (guild_id, user_id) DO UPDATE SET display_name = excluded.display_name",
                    [guild_id, user_id, display_name],
                )
            cursor = await conn.execute(
                "INSERT INTO reports (guild_id, user_id, question_id, reason, created_at) VALUES (?, ?, ?, ?, ?)",
                [guild_id, user_id, question_id, reason, to_text(at)],
            )
            report_id = cursor.lastrowid
            await cursor.close()
        return int(report_id or 0)

    async def reports_since(self, user_id: int, since: datetime) -> int:
        """How many reports the learner has sent after that moment, anywhere."""
        row = await self._db.row("SELECT COUNT(*) FROM reports WHERE user_id = ? AND created_at > ?", [user_id, to_text(since)])
        return int(row[0]) if row else 0

    async def has_open_report(self, guild_id: int | None, user_id: int, question_id: str) -> bool:
        row = await self._db.row(
            "SELECT 1 FROM reports WHERE guild_id IS ? AND user_id = ? AND question_id = ? AND resolved = 0",
            [guild_id, user_id, question_id],
        )
        return row is not None

    async def open_reports(self, guild_id: int | None, limit: int = 25, containing: str = "") -> list[Report]:
        """The guild's open reports, newest first; `containing` narrows them to a question id or reason with that text."""
        rows = await self._db.rows(
            "SELECT r.report_id, r.user_id, coalesce(m.display_name, u.display_name), r.question_id, r.reason, r.created_at "
            "FROM reports r JOIN users u USING (user_id) LEFT JOIN members m ON m.guild_id = r.guild_id AND m.user_id = r.user_id "
            "WHERE r.guild_id IS ? AND r.resolved = 0 AND instr(lower(r.question_id || ' ' || r.reason), ?) > 0 "
            "ORDER BY r.created_at DESC, r.report_id DESC LIMIT ?",
            [guild_id, containing.lower(), limit],
        )
        return [Report(row[0], row[1], row[2], row[3], row[4], from_text(row[5])) for row in rows]

    async def resolve_report(self, guild_id: int | None, report_id: int) -> str | None:
        """Mark one of the guild's open reports resolved; returns its question id, or None when there is no such report."""
        async with self._db.transaction() as conn:
            rows = await fetch(
                conn, "UPDATE reports SET resolved = 1 WHERE report_id = ? AND guild_id IS ? AND resolved = 0 RETURNING question_id",
                [report_id, guild_id],
            )
        return str(rows[0][0]) if rows else None

    async def forget(self, user_id: int) -> bool:
        """Delete the learner and everything they earned: derived rows here, the rest by cascade from users."""
        async with self._db.transaction() as conn:
            await remove_user(conn, user_id)
            await conn.execute("DELETE FROM members WHERE user_id = ?", [user_id])
            cursor = await conn.execute("DELETE FROM users WHERE user_id = ?", [user_id])
            deleted = cursor.rowcount == 1
            await cursor.close()
        return deleted
