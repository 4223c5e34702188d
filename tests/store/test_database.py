"""Opening the database: migrations keep every row; bad files get a clear error and are never overwritten."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.store.database import SCHEMA_VERSION, Database, StoreError
from bot.store.migrations import MIGRATIONS
from bot.store.store import Store
from tests.store.conftest import assert_boards_match_standings


def first_schema_database(path: Path) -> None:
    """A database as the first release wrote it: schema 1 and a few rows."""
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + "\nPRAGMA user_version = 1;")
    conn.executescript(
        """
        INSERT INTO guilds (guild_id, channel_id) VALUES (1, 10);
        INSERT INTO users VALUES (7, 'ana'), (8, 'ben');
        INSERT INTO daily_posts (post_id, guild_id, local_date, question_id, domain, posted_at, closes_at)
            VALUES (1, 1, '2026-11-02', 'q1', 'modeling', '2026-11-02T09:00:00.000000+00:00', '2026-11-03T09:00:00.000000+00:00'),
                   (2, 1, '2026-11-03', 'q2', 'data-engineering', '2026-11-03T09:00:00.000000+00:00', '2026-11-04T09:00:00.000000+00:00');
        INSERT INTO answers VALUES (1, 7, 'A', 1, 10, 1, '2026-11-02T09:01:00.000000+00:00'),
                                   (2, 7, 'B', 1, 11, 2, '2026-11-03T09:01:00.000000+00:00'),
                                   (1, 8, 'C', 0, 0, 0, '2026-11-02T09:02:00.000000+00:00');
        INSERT INTO reviews (user_id, question_id, domain, correct, seconds, reviewed_at)
            VALUES (8, 'q9', 'modeling', 1, 12.5, '2026-11-02T10:00:00.000000+00:00');
        """
    )
    conn.commit()
    conn.close()


async def test_upgrade_from_the_first_schema_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    first_schema_database(path)
    store = await Store.open(path)
    try:
        async with store.db.reader.execute("PRAGMA user_version") as cursor:
            assert (await cursor.fetchone())[0] == SCHEMA_VERSION
        async with store.db.reader.execute("SELECT COUNT(*) FROM answers") as cursor:
            assert (await cursor.fetchone())[0] == 3
        board = await store.standings.leaderboard(1, "all", "mls-c01", caller_id=8)
        assert [(row.user_id, row.points, row.answered) for row in board.rows] == [(7, 21, 2), (8, 0, 1)]
        assert [row.user_id for row in (await store.standings.leaderboard(1, "week:2026-11-02", "mls-c01")).rows] == [7, 8]
        assert [row.user_id for row in (await store.standings.leaderboard(1, "all", "data-engineering")).rows] == [7]
        assert (await store.learners.streaks(7, 1)).best == 2
        assert len(await store.learners.question_tallies(8)) == 2
        await assert_boards_match_standings(store)
    finally:
        await store.close()


async def test_fresh_database_is_wal_with_foreign_keys(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "new.sqlite3")
    try:
        async with db.writer.execute("PRAGMA journal_mode") as cursor:
            assert (await cursor.fetchone())[0] == "wal"
        async with db.writer.execute("PRAGMA foreign_keys") as cursor:
            assert (await cursor.fetchone())[0] == 1
        assert await db.integrity_check() == ["ok"]
    finally:
        await db.close()


async def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer than this studybot knows"):
        await Database.open(path)
    assert path.read_bytes() == before


async def test_corrupt_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a SQLite database"):
        await Database.open(path)
    assert path.read_bytes() == b"this is not a database" * 100


async def test_damaged_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite3"
    await (await Database.open(path)).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="cannot be used as a database"):
        await Database.open(path)


async def test_read_only_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite3"
    db = await Database.open(path)
    await db.close()
    path.chmod(0o444)
    with pytest.raises(StoreError, match="read-only"):
        await Database.open(path)
