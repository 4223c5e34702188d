"""Guild settings and daily posts: at most one post per guild per local day, enforced by the schema."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from bot.store.database import Database
from bot.store.records import DailyPost, GuildSettings
from bot.store.timestamps import from_text, to_text


def _settings(row: sqlite3.Row) -> GuildSettings:
    return GuildSettings(
        row["guild_id"], row["channel_id"], row["post_time"], row["timezone"], row["role_id"], row["open_hours"], bool(row["paused"])
    )


def _post(row: sqlite3.Row) -> DailyPost:
    return DailyPost(
        post_id=row["post_id"], guild_id=row["guild_id"], local_date=date.fromisoformat(row["local_date"]),
        question_id=row["question_id"], domain=row["domain"], channel_id=row["channel_id"], message_id=row["message_id"],
        posted_at=from_text(row["posted_at"]), closes_at=from_text(row["closes_at"]), revealed=bool(row["revealed"]),
    )


class Posts:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def save_settings(self, settings: GuildSettings) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO guilds (guild_id, channel_id, post_time, timezone, role_id, open_hours, paused) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, post_time = excluded.post_time, "
                "timezone = excluded.timezone, role_id = excluded.role_id, open_hours = excluded.open_hours, paused = excluded.paused",
                [settings.guild_id, settings.channel_id, settings.post_time, settings.timezone, settings.role_id,
                 settings.open_hours, int(settings.paused)],
            )

    async def settings(self, guild_id: int) -> GuildSettings | None:
        row = await self._db.row("SELECT * FROM guilds WHERE guild_id = ?", [guild_id])
        return _settings(row) if row else None

    async def all_settings(self) -> list[GuildSettings]:
        return [_settings(row) for row in await self._db.rows("SELECT * FROM guilds ORDER BY guild_id", [])]

    async def create(
        self, guild_id: int, local_date: date, question_id: str, domain: str, channel_id: int | None,
        posted_at: datetime, closes_at: datetime,
    ) -> DailyPost | None:
        """Record a post for the guild's local day; None when that day already has one (never posts twice)."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO daily_posts (guild_id, local_date, question_id, domain, channel_id, posted_at, closes_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, local_date) DO NOTHING",
                [guild_id, local_date.isoformat(), question_id, domain, channel_id, to_text(posted_at), to_text(closes_at)],
            )
            created = cursor.rowcount == 1
            await cursor.close()
        return await self.on_date(guild_id, local_date) if created else None

    async def set_message(self, post_id: int, message_id: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute("UPDATE daily_posts SET message_id = ? WHERE post_id = ?", [message_id, post_id])

    async def mark_revealed(self, post_id: int) -> bool:
        """True for the one caller that flips the post to revealed (so a closing is edited once)."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute("UPDATE daily_posts SET revealed = 1 WHERE post_id = ? AND revealed = 0", [post_id])
            flipped = cursor.rowcount == 1
            await cursor.close()
        return flipped

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

    async def number(self, post: DailyPost) -> int:
        """The post's place in its guild's series: 1 for the first daily question ever posted there."""
        row = await self._db.row(
            "SELECT COUNT(*) FROM daily_posts WHERE guild_id = ? AND local_date <= ?", [post.guild_id, post.local_date.isoformat()]
        )
        return int(row[0]) if row else 0

    async def asked_questions(self, guild_id: int) -> list[str]:
        rows = await self._db.rows("SELECT question_id FROM daily_posts WHERE guild_id = ? ORDER BY local_date", [guild_id])
        return [row[0] for row in rows]

    async def asked_since(self, guild_id: int, since: date) -> list[str]:
        """Domains of the guild's posts from `since` on, oldest first (for domain balance over a week)."""
        rows = await self._db.rows(
            "SELECT domain FROM daily_posts WHERE guild_id = ? AND local_date >= ? ORDER BY local_date", [guild_id, since.isoformat()]
        )
        return [row[0] for row in rows]

    async def choice_counts(self, post_id: int) -> dict[str, int]:
        rows = await self._db.rows("SELECT choice, COUNT(*) FROM answers WHERE post_id = ? GROUP BY choice", [post_id])
        return {row[0]: row[1] for row in rows}
