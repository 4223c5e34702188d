"""`studybot db migrate-to URL`: copy a SQLite store into an empty PostgreSQL database, and prove the copy.

Everything is copied in one PostgreSQL transaction from one SQLite snapshot, with COPY, ids kept as they are (so
button ids on old Discord posts still find their rows); the transaction commits only when every table holds as
many rows as its source and the standings (every learner's points on every board) hash alike on both sides.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from graphlib import TopologicalSorter
from pathlib import Path

import asyncpg

from bot.store.errors import StoreError
from bot.store.postgres import PostgresDatabase
from bot.store.sqlite import SqliteDatabase

BATCH = 20_000
# Every learner's points on every board, in an order both databases agree on (integer keys only: text order
# depends on a PostgreSQL database's collation).
STANDINGS = (
    "SELECT b.guild_id, b.period, b.domain, s.user_id, s.points, s.answered, s.correct "
    "FROM standings s JOIN boards b ON b.board_id = s.board_id ORDER BY s.board_id, s.user_id"
)


@dataclass(frozen=True)
class Transfer:
    counts: dict[str, int]  # rows per table, as copied and as counted in PostgreSQL afterwards
    checksum: str  # sha256 of the standings, equal on both sides


async def _tables(source: SqliteDatabase) -> list[str]:
    """The source's tables, each after the tables its foreign keys point to."""
    names = [row[0] for row in await source.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")]
    graph = {name: {row["table"] for row in await source.rows(f"PRAGMA foreign_key_list('{name}')")} - {name} for name in names}
    return [name for name in TopologicalSorter(graph).static_order() if name in graph]


class _Checksum:
    def __init__(self) -> None:
        self._digest = hashlib.sha256()

    def add(self, row: Sequence[object]) -> None:
        self._digest.update(repr(tuple(row)).encode())

    def hex(self) -> str:
        return self._digest.hexdigest()


async def _source_checksum(source: SqliteDatabase) -> str:
    checksum = _Checksum()
    async with source.reader.execute(STANDINGS) as cursor:
        while batch := await cursor.fetchmany(BATCH):
            for row in batch:
                checksum.add(row)
    return checksum.hex()


async def _target_checksum(conn: asyncpg.Connection) -> str:
    checksum = _Checksum()
    async for row in conn.cursor(STANDINGS, prefetch=BATCH):
        checksum.add(row)
    return checksum.hex()


async def _copy_table(source: SqliteDatabase, conn: asyncpg.Connection, table: str) -> int:
    columns = [row["name"] for row in await source.rows(f"PRAGMA table_info('{table}')")]
    types = {row[0]: row[1] for row in await conn.fetch(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1", table)}
    if missing := [column for column in columns if column not in types]:
        raise StoreError(f"table {table}: the PostgreSQL schema has no column {', '.join(missing)}")
    floats = [index for index, column in enumerate(columns) if types[column] == "double precision"]
    copied = 0
    async with source.reader.execute(f"SELECT {', '.join(columns)} FROM {table}") as cursor:
        while batch := await cursor.fetchmany(BATCH):
            records = [list(row) for row in batch]
            for record in records:
                for index in floats:
                    if record[index] is not None:
                        record[index] = float(record[index])
            await conn.copy_records_to_table(table, records=records, columns=columns)
            copied += len(records)
    return copied


async def copy_store(source: SqliteDatabase, target: PostgresDatabase, progress: Callable[[str], None] = lambda _: None) -> Transfer:
    """Copy every table; raises StoreError (and keeps nothing) when the target is not empty or the copy differs."""
    tables = await _tables(source)
    await source.reader.execute("BEGIN")  # one snapshot of the source for the copy and its checks
    try:
        async with target.pool.acquire() as conn, conn.transaction():
            for table in tables:
                if await conn.fetchval(f"SELECT EXISTS (SELECT 1 FROM {table})"):
                    raise StoreError(f"{target.where}: table {table} already holds rows; migrate-to copies into an empty database only")
            counts: dict[str, int] = {}
            for table in tables:
                counts[table] = await _copy_table(source, conn, table)
                progress(f"{table}: {counts[table]:,} rows copied")
            identities = await conn.fetch(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND is_identity = 'YES'"
            )
            for table, column in identities:  # new rows continue after the copied ids
                await conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), max({column})) FROM {table} "
                                   f"HAVING max({column}) IS NOT NULL")
            for table in tables:
                held = await conn.fetchval(f"SELECT count(*) FROM {table}")
                if held != counts[table]:
                    raise StoreError(f"table {table}: {counts[table]:,} rows copied but PostgreSQL holds {held:,}; nothing was kept")
            checksum = await _source_checksum(source)
            if await _target_checksum(conn) != checksum:
                raise StoreError("the standings differ after the copy (checksums disagree); nothing was kept")
    finally:
        await source.reader.execute("COMMIT")
    async with target.pool.acquire() as conn:
        await conn.execute("ANALYZE")  # fresh statistics, so the leaderboard queries use their indexes at once
    return Transfer(counts, checksum)


async def migrate_to(source: Path, url: str, progress: Callable[[str], None] = lambda _: None) -> Transfer:
    """Open both stores (the PostgreSQL one is created or migrated to the current schema first) and copy."""
    sqlite = await SqliteDatabase.open(source)
    try:
        postgres = await PostgresDatabase.open(url)
        try:
            return await copy_store(sqlite, postgres, progress)
        finally:
            await postgres.close()
    finally:
        await sqlite.close()
