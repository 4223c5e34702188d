"""The SQLite backend: open the file safely (refuse bad files, migrate in order) and serialise write transactions."""

from __future__ import annotations

import asyncio
import errno
import os
import sqlite3
import stat
import time
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import aiosqlite

from bot.inputfiles import why
from bot.store.database import BUSY_TIMEOUT, Row
from bot.store.errors import StoreError, StoreUnavailable
from bot.store.health import derived_problems
from bot.store.migrations import MIGRATIONS, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"


async def fetch(conn: aiosqlite.Connection, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
    async with conn.execute(sql, params) as cursor:
        return list(await cursor.fetchall())


_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
_DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def _unavailable(error: sqlite3.Error, busy_timeout: float) -> str | None:
    """What a learner should read for an error that is about the moment or the disk, not a bug (None otherwise)."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code in _BUSY:
        return (
            f"The database is busy: another program has held its write lock for over {busy_timeout:g} s. "
            "Nothing was changed; try again in a moment."
        )
    if code == sqlite3.SQLITE_FULL:
        return "The disk holding the database is full. Nothing was changed; free some space and try again."
    if code == sqlite3.SQLITE_IOERR:
        return "The database could not be read or written (disk I/O error). Nothing was changed; check the disk and try again."
    if code in _DAMAGED:
        return f"The database file is damaged ({error}); `studybot db check` lists the problems."
    return None


@contextmanager
def _explained(busy_timeout: float) -> Iterator[None]:
    """Turn the SQLite errors a learner can do something about into StoreUnavailable with a sentence."""
    try:
        yield
    except sqlite3.Error as error:
        sentence = _unavailable(error, busy_timeout)
        if sentence is None:
            raise
        raise StoreUnavailable(sentence) from error


def _refuse_unusable_path(path: Path) -> None:
    """Refuse what SQLite must not open (a folder, a FIFO that would block, another kind of file); create the folder."""
    try:
        info = path.stat()
    except FileNotFoundError:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"{path}: cannot create its folder: {error.strerror}") from None
        return
    except NotADirectoryError:
        raise StoreError(f"{path}: part of the path is a file, not a folder") from None
    except OSError as error:
        raise StoreError(f"{path}: {why(path, error)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(f"{path}: is a folder, not a database file")
    if not stat.S_ISREG(info.st_mode):
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode) else "not a regular file"
        raise StoreError(f"{path}: is {kind}, not a database file")
    if info.st_mode & 0o222 == 0:
        raise StoreError(f"{path}: the database file is read-only; make it writable or pass another --db")
    try:
        with path.open("rb") as stream:
            header = stream.read(len(SQLITE_HEADER))
    except OSError as error:
        raise StoreError(f"{path}: {why(path, error)}") from None
    if header and header != SQLITE_HEADER:
        raise StoreError(f"{path}: not a SQLite database (corrupt or another kind of file); it was left untouched")


def _open_error(path: Path, error: sqlite3.Error, busy_timeout: float) -> StoreError:
    text = str(error)
    if "readonly" in text or "read-only" in text:
        return StoreError(f"{path}: the database is read-only ({text})")
    if getattr(error, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_CANTOPEN:
        return StoreError(f"{path}: cannot open or create the database file there ({text})")
    if (sentence := _unavailable(error, busy_timeout)) and getattr(error, "sqlite_errorcode", 0) & 0xFF not in _DAMAGED:
        return StoreError(f"{path}: {sentence}")
    return StoreError(f"{path}: cannot be used as a database ({text}); it was left untouched")


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration script, one at a time (executescript would commit the open transaction)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        yield pending.strip()


def migrate(conn: sqlite3.Connection, path: Path, busy_timeout: float = BUSY_TIMEOUT) -> None:
    """Bring the schema up to date inside one write transaction taken before the version is read, so two processes
    creating the same database cannot both migrate it. A file that is not ours (a newer schema, or another
    program's tables) is refused before anything is written; only then is the journal switched to WAL."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]  # reads the schema page: fails if damaged
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{path}: schema version {version} is newer than this studybot knows ({SCHEMA_VERSION}); "
                "upgrade studybot, the database was left untouched"
            )
        if version == 0 and tables:
            raise StoreError(f"{path}: a SQLite database of another program (it has tables but no studybot schema); it was left untouched")
        for number in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _statements(MIGRATIONS[number - 1].sqlite):
                conn.execute(statement)
        if version < SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    _switch_to_wal(conn, busy_timeout)


def _switch_to_wal(conn: sqlite3.Connection, busy_timeout: float) -> None:
    """Switch the journal to WAL, waiting up to `busy_timeout` for other processes. The switch upgrades a read lock
    to the write lock, and there SQLite answers BUSY at once rather than call its busy handler (waiting could
    deadlock), so a process still migrating or switching would make this one fail instantly."""
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode & 0xFF not in _BUSY or time.monotonic() >= deadline:
                raise
        time.sleep(0.005)


def _prepare(path: Path, busy_timeout: float) -> None:
    """Open `path` once with plain sqlite3 and migrate it: a file SQLite cannot open fails here, cleanly."""
    try:
        conn = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
    except sqlite3.Error as error:
        raise _open_error(path, error, busy_timeout) from None
    try:
        migrate(conn, path, busy_timeout)
    except sqlite3.Error as error:
        raise _open_error(path, error, busy_timeout) from None
    finally:
        conn.close()


async def _pragma(conn: aiosqlite.Connection, statement: str) -> object:
    async with conn.execute(f"PRAGMA {statement}") as cursor:
        row = await cursor.fetchone()
    return row[0] if row else None


async def _connect(path: Path, busy_timeout: float) -> aiosqlite.Connection:
    conn = await aiosqlite.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        # WAL with synchronous=NORMAL: a commit survives the process being killed; only an OS crash or power
        # loss can roll back the last commits, and never corrupts the file.
        for statement in (f"busy_timeout = {int(busy_timeout * 1000)}", "foreign_keys = ON", "synchronous = NORMAL"):
            await _pragma(conn, statement)
    except BaseException:
        await conn.close()
        raise
    return conn


class SqliteTransaction:
    """The writer connection inside BEGIN IMMEDIATE ... COMMIT."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn

    async def execute(self, sql: str, params: Sequence[object] = ()) -> int:
        cursor = await self.conn.execute(sql, params)
        changed = cursor.rowcount
        await cursor.close()
        return changed

    async def executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        await self.conn.executemany(sql, rows)

    async def rows(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        return list(await fetch(self.conn, sql, params))


class SqliteDatabase:
    """One writer connection (transactions taken in turn) and one reader connection, both in WAL mode. A busy,
    full or failing disk surfaces as StoreUnavailable, for the one action that met it."""

    dialect = "sqlite"
    writers = 1

    def __init__(self, path: Path, writer: aiosqlite.Connection, reader: aiosqlite.Connection, busy_timeout: float) -> None:
        self.path = path
        self.where = str(path)
        self.writer = writer
        self.reader = reader
        self.busy_timeout = busy_timeout
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str, *, busy_timeout: float = BUSY_TIMEOUT) -> SqliteDatabase:
        """Open (creating if need be) and migrate; `busy_timeout` is how long to wait for another program's lock."""
        path = Path(path)
        _refuse_unusable_path(path)
        await asyncio.to_thread(_prepare, path, busy_timeout)
        try:
            writer = await _connect(path, busy_timeout)
            try:
                reader = await _connect(path, busy_timeout)
            except BaseException:
                await writer.close()
                raise
        except sqlite3.Error as error:
            raise _open_error(path, error, busy_timeout) from None
        return cls(path, writer, reader, busy_timeout)

    async def rows(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        """A read on the reader connection: it sees every committed write and never waits for the writer."""
        with _explained(self.busy_timeout):
            return list(await fetch(self.reader, sql, params))

    async def row(self, sql: str, params: Sequence[object] = ()) -> Row | None:
        found = await self.rows(sql, params)
        return found[0] if found else None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[SqliteTransaction]:
        """One write transaction at a time: committed on success, rolled back on any error."""
        async with self._write_lock:
            with _explained(self.busy_timeout):
                await self.writer.execute("BEGIN IMMEDIATE")
                try:
                    yield SqliteTransaction(self.writer)
                    await self.writer.execute("COMMIT")
                except BaseException:
                    if self.writer.in_transaction:  # SQLite ends it itself on some errors (disk full, I/O)
                        await self.writer.execute("ROLLBACK")
                    raise

    async def backup(self, target: Path) -> None:
        """A consistent online copy through SQLite's backup API. It is written under a temporary name and renamed
        when complete, so a backup that fails midway (disk full) leaves no file that looks like a database."""
        if os.path.lexists(target):
            raise StoreError(f"{target}: already exists; choose a new backup file")
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        try:
            os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except OSError as error:
            raise StoreError(f"{target}: cannot write the backup there: {_folder_problem(target, error)}") from None
        try:
            copy = sqlite3.connect(partial, check_same_thread=False)  # used on the reader's thread
            try:
                with _explained(self.busy_timeout):
                    await self.reader.backup(copy)
            finally:
                copy.close()
            if os.path.lexists(target):
                raise StoreError(f"{target}: appeared while the backup was written; choose a new backup file")
            partial.rename(target)
        except StoreError as error:
            partial.unlink(missing_ok=True)
            raise StoreError(f"{target}: the backup failed, no file was left: {error}") from error
        except BaseException:
            partial.unlink(missing_ok=True)
            raise

    async def integrity_check(self) -> list[str]:
        """['ok'] for a sound database, else SQLite's list of problems (or, in a sound file, where the leaderboards'
        derived rows disagree with what they summarise)."""
        found = [row[0] for row in await self.rows("PRAGMA integrity_check")]
        if found != ["ok"]:
            return found
        return await derived_problems(self) or found

    async def close(self) -> None:
        async with self._write_lock:
            await self.reader.close()
            await self.writer.close()


def _folder_problem(target: Path, error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return f"the folder {target.parent} does not exist"
    if error.errno == errno.ENOTDIR:
        return f"{target.parent} is not a folder"
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"permission denied in {target.parent}"
    return error.strerror or str(error)
