"""What the repositories see of a database, whichever engine holds it, and how `database` / `--db` picks one.

A plain path is a SQLite file (the default); a postgresql:// URL is a PostgreSQL database. Repositories write
portable SQL with `?` placeholders (ON CONFLICT upserts and RETURNING read the same in both engines); the one thing a
backend rewrites is the placeholder style, in its own module (sqlite.py, postgres.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
# How long an action waits for another writer's lock (or a PostgreSQL connection) before it is refused.
BUSY_TIMEOUT = 10.0



def upsert_users(count: int) -> str:
    """Record `count` learners (user_id, display_name), renaming those whose name changed."""
    return (
        "INSERT INTO users (user_id, display_name) VALUES " + ",".join(["(?, ?)"] * count)
        + " ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name WHERE users.display_name != excluded.display_name"
    )


UPSERT_USER = upsert_users(1)


class Row(Protocol):
    """A result row: by column name or position (sqlite3.Row and asyncpg.Record both are)."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...

    def __len__(self) -> int: ...


class Transaction(Protocol):
    """One write transaction: committed when the `transaction()` block ends, rolled back on any error."""

    async def execute(self, sql: str, params: Sequence[object] = ()) -> int:
        """Run one statement; returns how many rows it changed."""
        ...

    async def executemany(self, sql: str, rows: Iterable[Sequence[object]]) -> None: ...

    async def rows(self, sql: str, params: Sequence[object] = ()) -> list[Row]: ...


class Database(Protocol):
    dialect: str  # "sqlite" or "postgresql"
    where: str  # the file, or the URL without its password: for logs and messages
    writers: int  # write transactions worth running at once (SQLite: one; a server: a few)

    async def rows(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        """A read that sees every committed write and never waits for a writer."""
        ...

    async def row(self, sql: str, params: Sequence[object] = ()) -> Row | None: ...

    def transaction(self) -> AbstractAsyncContextManager[Transaction]: ...

    async def integrity_check(self) -> list[str]:
        """['ok'] for a sound database, else one line per problem."""
        ...

    async def backup(self, target: Path) -> None: ...

    async def close(self) -> None: ...


def is_postgres(target: str | Path) -> bool:
    return isinstance(target, str) and target.startswith(POSTGRES_SCHEMES)


def parse_target(text: str | Path) -> Path | str:
    """A `database` setting or --db value: a postgresql:// URL stays text (a Path would fold its //), the rest is a file."""
    return text if isinstance(text, str) and is_postgres(text) else Path(text)


def redacted(url: str) -> str:
    """The URL with any password replaced, so that no message or log line shows it."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


async def open_database(target: str | Path, *, busy_timeout: float) -> Database:
    """Open (creating if need be) and migrate the database `target` names."""
    if is_postgres(target):
        from bot.store.postgres import PostgresDatabase

        return await PostgresDatabase.open(str(target), busy_timeout=busy_timeout)
    from bot.store.sqlite import SqliteDatabase

    return await SqliteDatabase.open(Path(target), busy_timeout=busy_timeout)
