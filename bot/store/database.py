"""Opening the SQLite file safely: refuse bad files, migrate in order, and serialise write transactions."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from bot.store.migrations import MIGRATIONS

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
SCHEMA_VERSION = len(MIGRATIONS)


UPSERT_USER = (
    "INSERT INTO users (user_id, display_name) VALUES (?, ?) "
    "ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name WHERE display_name != excluded.display_name"
)


async def fetch(conn: aiosqlite.Connection, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
    async with conn.execute(sql, params) as cursor:
        return list(await cursor.fetchall())


class StoreError(Exception):
    """A database that cannot be used as it is; the message says which file and why."""


def _refuse_unusable_file(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file")
    if not path.exists():
        return
    if path.stat().st_mode & 0o222 == 0:
        raise StoreError(f"{path}: the database file is read-only; make it writable or pass another --db")
    with path.open("rb") as stream:
        header = stream.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        raise StoreError(f"{path}: not a SQLite database (corrupt or another kind of file); it was left untouched")


async def _pragma(conn: aiosqlite.Connection, statement: str) -> object:
    async with conn.execute(f"PRAGMA {statement}") as cursor:
        row = await cursor.fetchone()
    return row[0] if row else None


async def _connect(path: Path) -> aiosqlite.Connection:
    conn = await aiosqlite.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        # WAL with synchronous=NORMAL: a commit survives the process being killed; only an OS crash or power
        # loss can roll back the last commits, and never corrupts the file.
        for statement in (f"busy_timeout = {BUSY_TIMEOUT_MS}", "foreign_keys = ON", "synchronous = NORMAL"):
            await _pragma(conn, statement)
    except BaseException:
        await conn.close()
        raise
    return conn


class Database:
    """One writer connection (transactions taken in turn) and one reader connection, both in WAL mode."""

    def __init__(self, path: Path, writer: aiosqlite.Connection, reader: aiosqlite.Connection) -> None:
        self.path = path
        self.writer = writer
        self.reader = reader
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        path = Path(path)
        _refuse_unusable_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            writer = await _connect(path)
            try:
                await _prepare(writer, path)
                reader = await _connect(path)
            except BaseException:
                await writer.close()
                raise
        except sqlite3.DatabaseError as error:
            text = str(error)
            if "readonly" in text or "read-only" in text:
                raise StoreError(f"{path}: the database is read-only ({text})") from error
            raise StoreError(f"{path}: cannot be used as a database ({text}); it was left untouched") from error
        return cls(path, writer, reader)

    async def rows(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        """A read on the reader connection: it sees every committed write and never waits for the writer."""
        return await fetch(self.reader, sql, params)

    async def row(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Row | None:
        found = await fetch(self.reader, sql, params)
        return found[0] if found else None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction at a time: committed on success, rolled back on any error."""
        async with self._write_lock:
            await self.writer.execute("BEGIN IMMEDIATE")
            try:
                yield self.writer
            except BaseException:
                await self.writer.execute("ROLLBACK")
                raise
            await self.writer.execute("COMMIT")

    async def backup(self, target: Path) -> None:
        """A consistent online copy through SQLite's backup API."""
        if target.exists():
            raise StoreError(f"{target}: already exists; choose a new backup file")
        async with aiosqlite.connect(target) as copy:
            await self.reader.backup(copy)

    async def integrity_check(self) -> list[str]:
        """['ok'] for a sound database, else SQLite's list of problems."""
        async with self.reader.execute("PRAGMA integrity_check") as cursor:
            return [row[0] for row in await cursor.fetchall()]

    async def close(self) -> None:
        async with self._write_lock:
            await self.reader.close()
            await self.writer.close()


async def _prepare(conn: aiosqlite.Connection, path: Path) -> None:
    version = int(await _pragma(conn, "user_version"))  # type: ignore[call-overload]
    async with conn.execute("SELECT COUNT(*) FROM sqlite_master") as cursor:  # reads the schema page: fails if damaged
        await cursor.fetchone()
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: schema version {version} is newer than this studybot knows ({SCHEMA_VERSION}); "
            "upgrade studybot, the database was left untouched"
        )
    await _pragma(conn, "journal_mode = WAL")
    for number in range(version + 1, SCHEMA_VERSION + 1):
        await _migrate(conn, number)


async def _migrate(conn: aiosqlite.Connection, number: int) -> None:
    try:
        await conn.executescript(f"BEGIN IMMEDIATE;\n{MIGRATIONS[number - 1]}\nPRAGMA user_version = {number};\nCOMMIT;")
    except BaseException:
        if conn.in_transaction:
            await conn.execute("ROLLBACK")
        raise
