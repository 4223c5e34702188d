"""Opening the database: migrations keep every row; bad files get a clear error and are never overwritten."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from pathlib import Path

import asyncpg
import pytest

from bot.store.errors import StoreError, StoreUnavailable
from bot.store.migrations import MIGRATIONS, SCHEMA_VERSION
from bot.store.postgres_baseline import POSTGRES_BASELINE, POSTGRES_BASELINE_STEP
from bot.store.records import GuildSettings
from bot.store.sqlite import SqliteDatabase
from bot.store.store import Store
from tests.store.conftest import START, answer, assert_boards_match_standings, make_post


def first_schema_database(path: Path) -> None:
    """A database as the first release wrote it: schema 1 and a few rows."""
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0].sqlite + "\nPRAGMA user_version = 1;")
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
    db = await SqliteDatabase.open(tmp_path / "new.sqlite3")
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
        await SqliteDatabase.open(path)
    assert path.read_bytes() == before


async def test_corrupt_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a SQLite database"):
        await SqliteDatabase.open(path)
    assert path.read_bytes() == b"this is not a database" * 100


async def test_damaged_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite3"
    await (await SqliteDatabase.open(path)).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="cannot be used as a database"):
        await SqliteDatabase.open(path)


async def test_read_only_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite3"
    db = await SqliteDatabase.open(path)
    await db.close()
    path.chmod(0o444)
    with pytest.raises(StoreError, match="read-only"):
        await SqliteDatabase.open(path)


# ---------------------------------------------------------------------------------------------------- PostgreSQL


async def test_postgresql_schema_matches_sqlite_column_for_column(tmp_path: Path, postgres_url: str) -> None:
    """One schema in two dialects: every table, column (and whether it may be NULL) and index exists in both."""
    sqlite = await Store.open(tmp_path / "study.sqlite3")
    postgres = await Store.open(postgres_url)
    try:
        tables = [row[0] for row in await sqlite.db.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        sqlite_columns = {
            (table, row["name"], bool(row["notnull"] or row["pk"])) for table in tables
            for row in await sqlite.db.rows(f"PRAGMA table_info('{table}')")
        }
        postgres_columns = {
            (row[0], row[1], row[2] == "NO") for row in await postgres.db.rows(
                "SELECT table_name, column_name, is_nullable FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name != 'schema_version'"
            )
        }
        assert postgres_columns == sqlite_columns
        sqlite_indexes = {row[0] for row in await sqlite.db.rows("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}
        postgres_indexes = {row[0] for row in await postgres.db.rows(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
            "AND indexname NOT LIKE '%pkey' AND indexname NOT LIKE '%key'"
        )}
        assert postgres_indexes == sqlite_indexes
    finally:
        await sqlite.close()
        await postgres.close()


async def test_a_postgresql_database_from_before_questions_were_kept_is_migrated_and_used(postgres_url: str) -> None:
    """A database made at the PostgreSQL baseline (step 9), with a day's answer on the board for all domains, takes
    every later step: old rows are MLS-C01's with no question kept, and posts and sessions keep new ones whole."""
    conn = await asyncpg.connect(postgres_url)
    try:
        await conn.execute(POSTGRES_BASELINE)
        await conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        await conn.execute("INSERT INTO schema_version VALUES ($1)", POSTGRES_BASELINE_STEP)
        await conn.execute(
            """
            INSERT INTO guilds (guild_id, channel_id) VALUES (1, 10);
            INSERT INTO users VALUES (7, 'ana');
            INSERT INTO daily_posts (post_id, guild_id, local_date, question_id, domain, posted_at, closes_at)
                VALUES (1, 1, '2026-11-01', 'q-old', 'modeling', '2026-11-01T09:00:00.000000+00:00', '2026-11-02T09:00:00.000000+00:00');
            INSERT INTO answers VALUES (1, 7, 'A', 1, 10, 1, '2026-11-01T09:01:00.000000+00:00');
            INSERT INTO practice_sessions (session_id, user_id, question_ids, started_at, shown_at)
                VALUES (1, 7, '["q-old"]', '2026-11-01T10:00:00.000000+00:00', '2026-11-01T10:00:00.000000+00:00');
            INSERT INTO boards (board_id, guild_id, period, domain) VALUES (1, 1, 'all', ''), (2, 1, 'all', 'modeling');
            INSERT INTO standings VALUES (1, 7, 10, 1, 1), (2, 7, 10, 1, 1);
            INSERT INTO board_counts VALUES (1, 10, 1), (2, 10, 1);
            INSERT INTO members (guild_id, user_id, streak, best_streak, last_post_id) VALUES (1, 7, 1, 1, 1);
            SELECT setval(pg_get_serial_sequence('daily_posts', 'post_id'), 1);
            SELECT setval(pg_get_serial_sequence('practice_sessions', 'session_id'), 1);
            SELECT setval(pg_get_serial_sequence('boards', 'board_id'), 2);
            """
        )
    finally:
        await conn.close()
    store = await Store.open(postgres_url)
    try:
        assert [tuple(row) for row in await store.db.rows("SELECT version FROM schema_version")] == [(SCHEMA_VERSION,)]
        old = await store.posts.get(1)
        assert old is not None and (old.question, old.exam) == (None, "mls-c01")
        old_session = await store.sessions.get(1)
        assert old_session is not None and (old_session.questions, old_session.exam) == ([], "mls-c01")
        assert (await store.posts.settings(1)).exam == "mls-c01"  # type: ignore[union-attr]

        shown = '{"stem": "as it was shown"}'
        post = await make_post(store, 0, question=shown, exam="mls-c01")
        assert (post.question, post.exam) == (shown, "mls-c01")
        assert (await store.record_answer(answer(post, 7, True))).streak == 2
        board = await store.standings.leaderboard(1, "all", "mls-c01")
        assert [(row.user_id, row.points, row.answered) for row in board.rows] == [(7, 21, 2)]
        session = await store.sessions.start(7, "ana", ["q1"], START, questions=[shown], exam="mla-c01")
        again = await store.sessions.get(session.session_id)
        assert again is not None and (again.session_id, again.questions, again.exam) == (2, [shown], "mla-c01")
        await assert_boards_match_standings(store)
        assert await store.db.integrity_check() == ["ok"]
    finally:
        await store.close()


async def test_concurrent_starts_on_a_new_postgresql_database_migrate_it_once(postgres_url: str) -> None:
    stores = await asyncio.gather(*(Store.open(postgres_url) for _ in range(6)))
    try:
        assert [tuple(row) for row in await stores[0].db.rows("SELECT version FROM schema_version")] == [(SCHEMA_VERSION,)]
    finally:
        for store in stores:
            await store.close()


async def test_a_newer_or_foreign_postgresql_database_is_refused_and_left_untouched(postgres_url: str) -> None:
    conn = await asyncpg.connect(postgres_url)
    try:
        await conn.execute("CREATE TABLE recipes (name TEXT)")
        with pytest.raises(StoreError, match="another program"):
            await Store.open(postgres_url)
        assert await conn.fetchval("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == 1
        await conn.execute("DROP TABLE recipes; CREATE TABLE schema_version (version INTEGER)")
        await conn.execute("INSERT INTO schema_version VALUES ($1)", SCHEMA_VERSION + 1)
        with pytest.raises(StoreError, match="newer than this studybot knows"):
            await Store.open(postgres_url)
        assert await conn.fetchval("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == 1
    finally:
        await conn.close()


async def test_an_unreachable_postgresql_server_is_one_line() -> None:
    with pytest.raises(StoreError, match=r"postgresql://bot:\*\*\*@127.0.0.1:1/study: cannot connect") as raised:
        await Store.open("postgresql://bot:secret@127.0.0.1:1/study", busy_timeout=2)
    assert "secret" not in str(raised.value) and "\n" not in str(raised.value)


async def test_a_postgresql_server_lost_mid_session_refuses_one_action_and_the_bot_goes_on(postgres_url: str) -> None:
    """Connections dropped by the server are replaced for the next action; while it refuses new ones, each action
    is refused in one sentence and nothing is half-written."""
    store = await Store.open(postgres_url)
    name = postgres_url.rpartition("/")[2]
    settings = GuildSettings(1, 10, "09:00", "UTC", None, 24, False)
    admin = await asyncpg.connect(postgres_url.rpartition("/")[0] + "/postgres")
    try:
        await admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'studybot'")
        with contextlib.suppress(StoreUnavailable):  # refused if it meets the dropped connection, else done at once
            await store.posts.save_settings(settings)
        await store.posts.save_settings(settings)
        await admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        await admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'studybot'")
        with pytest.raises(StoreUnavailable, match="could not be reached") as refused:
            await store.posts.set_pause(1, True)
        assert "\n" not in str(refused.value)
        await admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        assert not (await store.posts.settings(1)).paused  # type: ignore[union-attr]
        await store.posts.set_pause(1, True)
        assert (await store.posts.settings(1)).paused  # type: ignore[union-attr]
    finally:
        await admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        await admin.close()
        await store.close()
