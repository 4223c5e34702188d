"""Which slash-command tree was last synced to Discord, per scope, so a start with the same commands syncs nothing."""

from __future__ import annotations

from datetime import datetime

from bot.store.database import Database
from bot.store.timestamps import to_text


class CommandSyncs:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def synced_hash(self, scope: str) -> str | None:
        row = await self._db.row("SELECT payload_hash FROM command_syncs WHERE scope = ?", [scope])
        return str(row[0]) if row else None

    async def record(self, scope: str, payload_hash: str, at: datetime) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO command_syncs (scope, payload_hash, synced_at) VALUES (?, ?, ?) "
                "ON CONFLICT (scope) DO UPDATE SET payload_hash = excluded.payload_hash, synced_at = excluded.synced_at",
                [scope, payload_hash, to_text(at)],
            )
