"""`studybot db backup|check|migrate-to`: the database tools, which refuse a SQLite file that does not exist."""

from __future__ import annotations

import argparse
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from bot.app.build import UsageError, open_store
from bot.cli.options import add_db_option, add_group
from bot.config import Config
from bot.store.database import is_postgres, redacted

if TYPE_CHECKING:
    from bot.store.store import Store

T = TypeVar("T")


def existing_database(config: Config, db: Path | str | None, purpose: str) -> Path | str:
    """The database a db tool works on; a SQLite file must exist: checking or copying a missing one would create it."""
    target = config.database_target(db)
    if isinstance(target, Path) and not os.path.lexists(target):
        raise UsageError(f"{target}: no database there, so nothing to {purpose}")
    return target


def with_store(config: Config, target: Path | str, work: Callable[[Store], Awaitable[T]]) -> T:
    """`work` done on the store at `target`, closed afterwards; a store problem is a UsageError."""
    import asyncio

    from bot.store.errors import StoreError

    async def run() -> T:
        store = await open_store(config, target)
        try:
            return await work(store)
        finally:
            await store.close()

    try:
        return asyncio.run(run())
    except StoreError as error:
        raise UsageError(str(error)) from error


def cmd_backup(args: argparse.Namespace, config: Config) -> int:
    source = existing_database(config, args.db, "back up")
    with_store(config, source, lambda store: store.db.backup(args.path))
    print(f"backup written to {args.path}")
    return 0


def cmd_check(args: argparse.Namespace, config: Config) -> int:
    source = existing_database(config, args.db, "check")
    problems = with_store(config, source, lambda store: store.db.integrity_check())
    print("\n".join(problems))
    return 0 if problems == ["ok"] else 1


def cmd_migrate_to(args: argparse.Namespace, config: Config) -> int:
    import asyncio

    from bot.store.errors import StoreError
    from bot.store.transfer import migrate_to

    source = existing_database(config, args.db, "migrate")
    if is_postgres(source):
        raise UsageError("migrate-to copies a SQLite file: pass it with --db PATH (the database setting is already a URL)")
    if not is_postgres(args.url):
        raise UsageError(f"{args.url}: not a PostgreSQL URL (postgresql://user@host:5432/dbname)")
    where = redacted(args.url)
    print(f"copying {source} into {where}", flush=True)
    try:
        transfer = asyncio.run(migrate_to(Path(source), args.url, lambda line: print(f"  {line}", flush=True)))
    except StoreError as error:
        raise UsageError(str(error)) from error
    print(f"verified: {len(transfer.counts)} tables hold as many rows as the source; standings checksum {transfer.checksum[:16]} matches")
    print(f"to use it, set `database: {where}` in the config (or pass --db) and start studybot again")
    return 0


def register(commands: Any) -> None:
    db_commands = add_group(commands, "db", "back up, check or move the database", "Database tools.")
    backup = db_commands.add_parser(
        "backup", help="consistent online copy",
        description="Copy the database while the bot runs: SQLite's backup API, or pg_dump (custom format) for PostgreSQL.",
    )
    backup.add_argument("path", type=Path, help="the new backup file (must not exist)")
    add_db_option(backup)
    backup.set_defaults(handler=cmd_backup)
    check = db_commands.add_parser(
        "check", help="integrity check",
        description="SQLite's integrity check (PostgreSQL: invalid indexes), then the leaderboards' derived rows; exit 1 on problems.",
    )
    add_db_option(check)
    check.set_defaults(handler=cmd_check)
    migrate = db_commands.add_parser(
        "migrate-to", help="copy a SQLite store into an empty PostgreSQL database",
        description="Copy every table (ids kept) in one transaction, then verify row counts and a checksum of the standings. "
                    "Stop the bot first.",
    )
    migrate.add_argument("url", help="postgresql://user@host:5432/dbname (password from PGPASSWORD or ~/.pgpass)")
    add_db_option(migrate)
    migrate.set_defaults(handler=cmd_migrate_to)
