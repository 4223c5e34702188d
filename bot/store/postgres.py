"""The PostgreSQL backend (asyncpg): a pool of connections shared by reads and write transactions, the repositories'
`?` placeholders rewritten as $1, $2, ..., migrations taken under an advisory lock, and a server that is out of
reach or refuses for a moment turned into one sentence for the action that met it.

Unlike SQLite, several processes (on several hosts) may write at once: what must hold across them (one post per
guild per day, one answer per learner per post, one open exam per learner) is a unique constraint in the schema.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager, suppress
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from bot.store.database import BUSY_TIMEOUT, Row, redacted
from bot.store.errors import StoreError, StoreUnavailable
from bot.store.health import derived_problems
from bot.store.migrations import MIGRATIONS, SCHEMA_VERSION
from bot.store.postgres_baseline import POSTGRES_BASELINE, POSTGRES_BASELINE_STEP

# pg_advisory_xact_lock key held while a database's schema is checked and migrated: one process at a time.
MIGRATION_LOCK = 0x5757_D1B0
POOL_SIZE = 10
# Answer lanes, each a group-committing transaction of its own (bot.store.answers); the rest of the pool serves reads.
WRITERS = 4

_UNREACHABLE = (OSError, TimeoutError, asyncpg.PostgresConnectionError, asyncpg.CannotConnectNowError, asyncpg.AdminShutdownError)
_BUSY = (asyncpg.DeadlockDetectedError, asyncpg.SerializationError, asyncpg.LockNotAvailableError, asyncpg.TooManyConnectionsError)


@lru_cache(maxsize=4096)
def numbered(sql: str) -> str:
    """`?` placeholders as $1, $2, ...; a question mark inside a quoted literal is left alone."""
    parts: list[str] = []
    count = 0
    quoted = False
    for char in sql:
        if char == "'":
            quoted = not quoted
        elif char == "?" and not quoted:
            count += 1
            parts.append(f"${count}")
            continue
        parts.append(char)
    return "".join(parts)


def _unreachable(error: BaseException) -> str:
    return f"The database server could not be reached ({_one_line(error)}). Nothing was changed; try again in a moment."


def _unavailable(error: BaseException, busy_timeout: float) -> str | None:
    if isinstance(error, _UNREACHABLE):
        return _unreachable(error)
    if isinstance(error, _BUSY):
        return (f"The database is busy: the action waited over {busy_timeout:g} s for other writers ({error}). "
                "Nothing was changed; try again in a moment.")
    if isinstance(error, asyncpg.DiskFullError):
        return "The database server's disk is full. Nothing was changed; free some space there and try again."
    return None


@contextmanager
def _explained(busy_timeout: float) -> Iterator[None]:
    try:
        yield
    except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError, TimeoutError) as error:
        sentence = _unavailable(error, busy_timeout)
        if sentence is None:
            raise
        raise StoreUnavailable(sentence) from error


def _changed(status: str) -> int:
    """Rows changed, from a command tag such as 'UPDATE 3' or 'INSERT 0 1'."""
    last = status.rpartition(" ")[2]
    return int(last) if last.isdigit() else 0


class PostgresTransaction:
    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def execute(self, sql: str, params: Sequence[object] = ()) -> int:
        return _changed(await self.conn.execute(numbered(sql), *params))

    async def executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        batch = list(rows)
        if batch:
            await self.conn.executemany(numbered(sql), batch)

    async def rows(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        return list(await self.conn.fetch(numbered(sql), *params))


def without_password(url: str) -> tuple[str, dict[str, str]]:
    """The URL with its password moved into PGPASSWORD, for a program whose command line others can read."""
    parts = urlsplit(url)
    if parts.password is None:
        return url, {}
    host = parts.netloc.rpartition("@")[2]
    user = f"{parts.username}@" if parts.username else ""
    return urlunsplit(parts._replace(netloc=user + host)), {"PGPASSWORD": parts.password}


async def migrate(conn: asyncpg.Connection, where: str) -> None:
    """Bring the schema up to date in one transaction, under an advisory lock taken before the version is read: two
    processes starting on a new database cannot both create it. A database that is not ours is refused untouched."""
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK)
        tracked = await conn.fetchval("SELECT to_regclass('schema_version') IS NOT NULL")
        version = await conn.fetchval("SELECT max(version) FROM schema_version") if tracked else 0
        if version is None or version > SCHEMA_VERSION:
            raise StoreError(f"{where}: schema version {version} is newer than this studybot knows ({SCHEMA_VERSION}); "
                             "upgrade studybot, the database was left untouched")
        if not tracked:
            tables = await conn.fetchval("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")
            if tables:
                raise StoreError(f"{where}: a database of another program (it has tables but no studybot schema); it was left untouched")
            await conn.execute(POSTGRES_BASELINE)
            await conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
            await conn.execute("INSERT INTO schema_version VALUES (0)")
            version = POSTGRES_BASELINE_STEP
        for number in range(version + 1, SCHEMA_VERSION + 1):
            script = MIGRATIONS[number - 1].postgres
            assert script is not None, f"migration {number} has no PostgreSQL script"
            await conn.execute(script)
        await conn.execute("UPDATE schema_version SET version = $1", SCHEMA_VERSION)


class PostgresDatabase:
    """A connection pool; reads and writes each borrow a connection, so several run at once. A server out of reach,
    a full disk or a lock held too long surfaces as StoreUnavailable, for the one action that met it."""

    dialect = "postgresql"
    writers = WRITERS

    def __init__(self, url: str, pool: asyncpg.Pool, busy_timeout: float) -> None:
        self.url = url
        self.where = redacted(url)
        self.pool = pool
        self.busy_timeout = busy_timeout

    @classmethod
    async def open(cls, url: str, *, busy_timeout: float = BUSY_TIMEOUT) -> PostgresDatabase:
        where = redacted(url)
        try:
            pool = await asyncpg.create_pool(
                url, min_size=1, max_size=POOL_SIZE, timeout=busy_timeout,
                server_settings={"application_name": "studybot", "lock_timeout": str(int(busy_timeout * 1000))},
            )
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError, ValueError) as error:
            raise StoreError(f"{where}: cannot connect to the PostgreSQL server ({_one_line(error)})") from None
        try:
            async with pool.acquire() as conn:
                await migrate(conn, where)
        except asyncpg.PostgresError as error:
            await pool.close()
            raise StoreError(f"{where}: cannot be used as a database ({_one_line(error)}); it was left untouched") from None
        except BaseException:
            await pool.close()
            raise
        return cls(url, pool, busy_timeout)

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[asyncpg.Connection]:
        """A pooled connection. One the server dropped (restarted, or it ended the session) fails the action that
        finds it, in one sentence; the pool then replaces every connection it holds before the next action."""
        with _explained(self.busy_timeout):
            async with self.pool.acquire(timeout=self.busy_timeout) as conn:
                try:
                    yield conn
                except (asyncpg.PostgresError, asyncpg.InterfaceError, asyncpg.InternalClientError) as error:
                    if not _dropped(conn, error):
                        raise
                    with suppress(asyncpg.InterfaceError):  # the pool may have taken it back already
                        conn.terminate()
                    await self.pool.expire_connections()
                    raise StoreUnavailable(_unreachable(error)) from error

    async def rows(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        async with self._connection() as conn:
            return list(await conn.fetch(numbered(sql), *params))

    async def row(self, sql: str, params: Sequence[object] = ()) -> Row | None:
        found = await self.rows(sql, params)
        return found[0] if found else None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[PostgresTransaction]:
        async with self._connection() as conn, conn.transaction():
            yield PostgresTransaction(conn)

    async def integrity_check(self) -> list[str]:
        """The server keeps its files sound (pg_amcheck checks them); here: no index left invalid by a failed build,
        and the leaderboards' derived rows agree with what they summarise."""
        invalid = await self.rows(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND NOT i.indisvalid"
        )
        problems = [f"index {row[0]} is invalid (a failed build): REINDEX it" for row in invalid]
        problems += await derived_problems(self)
        return problems or ["ok"]

    async def backup(self, target: Path) -> None:
        """A consistent copy with pg_dump (custom format, for pg_restore), written under a temporary name and renamed
        when complete."""
        program = shutil.which("pg_dump")
        if program is None:
            raise StoreError("a PostgreSQL database is backed up with pg_dump, which is not on PATH: install the PostgreSQL "
                             "client and run pg_dump --format=custom --file=FILE URL")
        if os.path.lexists(target):
            raise StoreError(f"{target}: already exists; choose a new backup file")
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        url, secret = without_password(self.url)
        try:
            process = await asyncio.create_subprocess_exec(
                program, "--format=custom", f"--file={partial}", "--no-password", url,
                stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
                env={**os.environ, **secret},
            )
            _, errors = await process.communicate()
            if process.returncode != 0:
                last = errors.decode(errors="replace").strip().splitlines()[-1:] or [f"exit status {process.returncode}"]
                raise StoreError(f"{target}: the backup failed, no file was left: pg_dump: {last[0].removeprefix('pg_dump: ')}")
            if os.path.lexists(target):
                raise StoreError(f"{target}: appeared while the backup was written; choose a new backup file")
            partial.rename(target)
        finally:
            partial.unlink(missing_ok=True)

    async def close(self) -> None:
        await self.pool.close()


def _dropped(conn: asyncpg.Connection, error: BaseException) -> bool:
    """Whether `error` came from a connection the server ended (it may not know it is closed yet: the server's
    goodbye can arrive while the next statement is being sent)."""
    if isinstance(error, asyncpg.InternalClientError | asyncpg.ConnectionDoesNotExistError | asyncpg.PostgresConnectionError):
        return True
    try:
        return conn.is_closed()
    except asyncpg.InterfaceError:  # the pool has already taken back a connection that died under it
        return True


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
