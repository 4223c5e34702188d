"""`studybot db backup|check`: the database tools, which refuse a database that does not exist."""

from __future__ import annotations

import argparse
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from bot.app.build import UsageError, open_store
from bot.cli.options import add_db_option, add_group
from bot.config import Config

if TYPE_CHECKING:
    from bot.store.store import Store

T = TypeVar("T")


def existing_database(config: Config, db: Path | None, purpose: str) -> Path:
    """The database a db tool works on, which must exist: checking or copying a missing one would create it."""
    path = config.database_path(db)
    if not os.path.lexists(path):
        raise UsageError(f"{path}: no database there, so nothing to {purpose}")
    return path


def with_store(config: Config, path: Path, work: Callable[[Store], Awaitable[T]]) -> T:
    """`work` done on the store at `path`, closed afterwards; a store problem is a UsageError."""
    import asyncio

    from bot.store.database import StoreError

    async def run() -> T:
        store = await open_store(config, path)
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


def register(commands: Any) -> None:
    db_commands = add_group(commands, "db", "back up or check the database", "Database tools.")
    backup = db_commands.add_parser("backup", help="consistent online copy", description="Copy the database with SQLite's backup API.")
    backup.add_argument("path", type=Path, help="the new backup file (must not exist)")
    add_db_option(backup)
    backup.set_defaults(handler=cmd_backup)
    check = db_commands.add_parser("check", help="integrity check", description="Run SQLite's integrity check; exit 1 on problems.")
    add_db_option(check)
    check.set_defaults(handler=cmd_check)
