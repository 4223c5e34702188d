"""Guild settings and daily posts: at most one post per guild per local day, enforced by the schema.

A post's `revealed` flag says its closing has been shown (or can never be: it was never sent, or its channel is
gone); until then the scheduler keeps trying.
"""

from __future__ import annotations

from datetime import date, datetime

from bot.store.database import Database, Row
from bot.store.records import DailyPost, GuildSettings, PauseReason
from bot.store.timestamps import from_text, to_text


def _moment(text: str | None) -> datetime | None:
    return from_text(text) if text else None


def _settings(row: Row) -> GuildSettings:
    return GuildSettings(
        row["guild_id"], row["channel_id"], row["post_time"], row["timezone"], row["role_id"], row["open_hours"], bool(row["paused"]),
        PauseReason(row["pause_reason"]) if row["pause_reason"] else None, _moment(row["paused_since"]), _moment(row["refused_since"]),
        row["exam"],
    )


def _post(row: Row) -> DailyPost:
    return DailyPost(
        post_id=row["post_id"], guild_id=row["guild_id"], local_date=date.fromisoformat(row["local_date"]),
        question_id=row["question_id"], domain=row["domain"], channel_id=row["channel_id"], message_id=row["message_id"],
        posted_at=from_text(row["posted_at"]), closes_at=from_text(row["closes_at"]), revealed=bool(row["revealed"]),
        question=row["question"], exam=row["exam"],
    )


def _text(moment: datetime | None) -> str | None:
    return to_text(moment) if moment else None


class Posts:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def save_settings(self, settings: GuildSettings) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO guilds (guild_id, channel_id, post_time, timezone, role_id, open_hours, paused, pause_reason, paused_since, "
                "refused_since, exam) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, post_time = excluded.post_time, "
                "timezone = excluded.timezone, role_id = excluded.role_id, open_hours = excluded.open_hours, paused = excluded.paused, "
                "pause_reason = excluded.pause_reason, paused_since = excluded.paused_since, refused_since = excluded.refused_since, "
                "exam = excluded.exam",
                [settings.guild_id, settings.channel_id, settings.post_time, settings.timezone, settings.role_id, settings.open_hours,
                 int(settings.paused), settings.pause_reason, _text(settings.paused_since), _text(settings.refused_since), settings.exam],
            )

    async def settings(self, guild_id: int) -> GuildSettings | None:
        row = await self._db.row("SELECT * FROM guilds WHERE guild_id = ?", [guild_id])
        return _settings(row) if row else None

    async def all_settings(self) -> list[GuildSettings]:
        return [_settings(row) for row in await self._db.rows("SELECT * FROM guilds ORDER BY guild_id", [])]

    async def running_schedules(self) -> list[tuple[GuildSettings, date | None]]:
        """Every schedule that is not paused, with the local date of its guild's latest post: one read per tick,
        however many guilds there are."""
        rows = await self._db.rows(
            "SELECT g.*, (SELECT p.local_date FROM daily_posts p WHERE p.guild_id = g.guild_id ORDER BY p.local_date DESC LIMIT 1) "
            "AS last_date FROM guilds g WHERE g.paused = 0 AND g.channel_id IS NOT NULL ORDER BY g.guild_id",
            [],
        )
        return [(_settings(row), date.fromisoformat(row["last_date"]) if row["last_date"] else None) for row in rows]

    async def set_pause(self, guild_id: int, paused: bool, reason: PauseReason | None = None, since: datetime | None = None) -> None:
        """Pause (an admin's pause has no reason) or resume; resuming also forgets past refusals."""
        async with self._db.transaction() as conn:
            await conn.execute(
                "UPDATE guilds SET paused = ?, pause_reason = ?, paused_since = ?, "
                "refused_since = CASE WHEN ? = 1 THEN refused_since END WHERE guild_id = ?",
                [int(paused), reason, _text(since), int(paused), guild_id],
            )

    async def note_refusal(self, guild_id: int, at: datetime) -> datetime | None:
        """Record a refused post; returns when the current run of refusals began."""
        async with self._db.transaction() as conn:
            rows = await conn.rows(
                "UPDATE guilds SET refused_since = coalesce(refused_since, ?) WHERE guild_id = ? RETURNING refused_since",
                [to_text(at), guild_id],
            )
        return from_text(rows[0][0]) if rows else None

    async def create(
        self, guild_id: int, local_date: date, question_id: str, domain: str, channel_id: int | None,
        posted_at: datetime, closes_at: datetime, *, question: str | None = None, exam: str = "mls-c01",
    ) -> DailyPost | None:
        """Record a post for the guild's local day, with its question frozen as shown; None when that day already has one
        (never posts twice)."""
        async with self._db.transaction() as conn:
            rows = await conn.rows(
                "INSERT INTO daily_posts (guild_id, local_date, question_id, domain, channel_id, posted_at, closes_at, question, exam) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, local_date) DO NOTHING RETURNING *",
                [guild_id, local_date.isoformat(), question_id, domain, channel_id, to_text(posted_at), to_text(closes_at), question, exam],
            )
        return _post(rows[0]) if rows else None

    async def set_message(self, post_id: int, message_id: int) -> None:
        """The post reached its channel: remember its message, and that the guild's channel takes posts again."""
        async with self._db.transaction() as conn:
            await conn.execute("UPDATE daily_posts SET message_id = ? WHERE post_id = ?", [message_id, post_id])
            await conn.execute(
                "UPDATE guilds SET refused_since = NULL WHERE refused_since IS NOT NULL "
                "AND guild_id = (SELECT guild_id FROM daily_posts WHERE post_id = ?)",
                [post_id],
            )

    async def mark_revealed(self, post_id: int) -> bool:
        """The closing was shown (or can never be): True for the one caller that flips it."""
        async with self._db.transaction() as conn:
            flipped = await conn.execute("UPDATE daily_posts SET revealed = 1 WHERE post_id = ? AND revealed = 0", [post_id])
        return flipped == 1

    async def close_in_channel(self, channel_id: int) -> int:
        """A deleted channel's open posts can never be edited: count them as closed. Returns how many."""
        async with self._db.transaction() as conn:
            return await conn.execute("UPDATE daily_posts SET revealed = 1 WHERE channel_id = ? AND revealed = 0", [channel_id])

    async def get(self, post_id: int) -> DailyPost | None:
        row = await self._db.row("SELECT * FROM daily_posts WHERE post_id = ?", [post_id])
        return _post(row) if row else None

    async def on_date(self, guild_id: int, local_date: date) -> DailyPost | None:
        row = await self._db.row("SELECT * FROM daily_posts WHERE guild_id = ? AND local_date = ?", [guild_id, local_date.isoformat()])
        return _post(row) if row else None

    async def latest(self, guild_id: int) -> DailyPost | None:
        row = await self._db.row("SELECT * FROM daily_posts WHERE guild_id = ? ORDER BY local_date DESC LIMIT 1", [guild_id])
        return _post(row) if row else None

    async def due_to_close(self, now: datetime) -> list[DailyPost]:
        rows = await self._db.rows("SELECT * FROM daily_posts WHERE revealed = 0 AND closes_at <= ? ORDER BY closes_at", [to_text(now)])
        return [_post(row) for row in rows]

    async def unsent(self, now: datetime) -> list[DailyPost]:
        """Open posts whose message was never confirmed, in guilds whose schedule the bot has not paused itself."""
        rows = await self._db.rows(
            "SELECT p.* FROM daily_posts p JOIN guilds g USING (guild_id) WHERE p.message_id IS NULL AND p.revealed = 0 "
            "AND p.closes_at > ? AND g.pause_reason IS NULL ORDER BY p.posted_at",
            [to_text(now)],
        )
        return [_post(row) for row in rows]

    async def number(self, post: DailyPost) -> int:
        """The post's place in its guild's series: 1 for the first daily question ever posted there."""
        row = await self._db.row(
            "SELECT COUNT(*) FROM daily_posts WHERE guild_id = ? AND local_date <= ?", [post.guild_id, post.local_date.isoformat()]
        )
        return int(row[0]) if row else 0

    async def history(self, guild_id: int) -> list[tuple[str, str, date]]:
        """(question_id, domain, local_date) of every post in the guild, oldest first: what has been asked, and when."""
        rows = await self._db.rows(
            "SELECT question_id, domain, local_date FROM daily_posts WHERE guild_id = ? ORDER BY local_date", [guild_id]
        )
        return [(row[0], row[1], date.fromisoformat(row[2])) for row in rows]

    async def choice_counts(self, post_id: int) -> dict[str, int]:
        rows = await self._db.rows("SELECT choice, COUNT(*) FROM answers WHERE post_id = ? GROUP BY choice", [post_id])
        return {row[0]: row[1] for row in rows}
