"""`studybot db backup` copies a live database consistently; `studybot db check` reports its integrity; `studybot db
migrate-to` moves a SQLite store into PostgreSQL and proves the copy."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import subprocess
from pathlib import Path

import asyncpg
import pytest

from bot.cli import main
from bot.store.records import GuildSettings
from bot.store.store import Store
from tests.pgcluster import Cluster
from tests.store.conftest import answer, make_post


async def fifty_answers(target: Path | str) -> Store:
    store = await Store.open(target)
    await store.posts.save_settings(GuildSettings(1, 10, "09:00", "UTC", None, 24, False))
    post = await make_post(store, 0)
    for user in range(1, 51):
        await store.record_answer(answer(post, user, True))
    return store


def db(*args: str | Path) -> int:
    return main(["--config", "/dev/null", "db", *map(str, args)])


async def count_answers_in_dump(dump: Path, cluster: Cluster) -> int:
    """Restore a pg_dump file into a new database and count its answers."""
    url = await cluster.create_database("restored")
    subprocess.run([shutil.which("pg_restore") or "pg_restore", "--dbname", url, str(dump)], check=True)
    restored = await asyncpg.connect(url)
    try:
        return int(await restored.fetchval("SELECT count(*) FROM answers"))
    finally:
        await restored.close()


def test_backup_of_a_live_database_holds_every_committed_answer(
    target: Path | str, backend: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
) -> None:
    backup = tmp_path / "copy.backup"
    loop = asyncio.new_event_loop()
    store = loop.run_until_complete(fifty_answers(target))  # still open: the backup is taken while the bot would be running
    try:
        assert db("backup", backup, "--db", target) == 0
    finally:
        loop.run_until_complete(store.close())
    if backend == "sqlite":
        with sqlite3.connect(backup) as copy:
            assert copy.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 50
            assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    else:
        assert loop.run_until_complete(count_answers_in_dump(backup, request.getfixturevalue("postgres_cluster"))) == 50
    loop.close()
    assert db("backup", backup, "--db", target) == 1
    assert "already exists" in capsys.readouterr().err
    assert db("check", "--db", target) == 0
    assert capsys.readouterr().out.strip() == "ok"


def test_check_finds_leaderboard_counts_out_of_step(target: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
    async def damage() -> None:
        store = await fifty_answers(target)
        async with store.db.transaction() as conn:
            await conn.execute("UPDATE board_counts SET users = users + 1 WHERE points = 10")
        await store.close()

    asyncio.run(damage())
    assert db("check", "--db", target) == 1
    assert "board_counts disagrees with standings" in capsys.readouterr().out


def test_check_refuses_a_corrupt_file_without_touching_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"not a database at all")
    assert db("check", "--db", path) == 1
    assert "not a SQLite database" in capsys.readouterr().err
    assert path.read_bytes() == b"not a database at all"


SHOWN = '{"stem": "as it was shown"}'


async def community(path: Path) -> list[tuple[int, int, int]]:
    """A SQLite store with three days of answers, a practice session and a report, the last post and the session
    kept as shown for MLA-C01; returns its all-time board."""
    store = await Store.open(path)
    await store.posts.save_settings(GuildSettings(1, 10, "09:00", "UTC", None, 24, False, exam="mla-c01"))
    for day in range(3):
        shown = {"exam": "mla-c01", "question": SHOWN} if day == 2 else {}
        post = await make_post(store, day, ("modeling", "data-engineering")[day % 2], **shown)
        for user in range(1, 31):
            await store.record_answer(answer(post, user, (user + day) % 3 != 0))
    session = await store.sessions.start(7, "user7", ["q1", "q2"], post.posted_at, questions=[SHOWN, SHOWN], exam="mla-c01")
    await store.learners.add_report(1, 8, "user8", "q-1", "typo", post.posted_at)
    board = await store.standings.leaderboard(1, "all", "mls-c01", limit=100)
    await store.close()
    assert session.session_id == 1
    return [(row.user_id, row.points, row.rank) for row in board.rows]


async def test_migrate_to_copies_every_row_and_the_bot_goes_on_there(
    tmp_path: Path, postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "study.sqlite3"
    before = await community(source)
    assert await asyncio.to_thread(db, "migrate-to", postgres_url, "--db", source) == 0
    out = capsys.readouterr().out
    assert "answers: 90 rows copied" in out and "standings checksum" in out and "matches" in out

    store = await Store.open(postgres_url)
    try:
        board = await store.standings.leaderboard(1, "all", "mls-c01", limit=100)
        assert [(row.user_id, row.points, row.rank) for row in board.rows] == before
        session = await store.sessions.get(1)  # ids are kept: old buttons still find their rows
        assert session is not None and (session.questions, session.exam) == ([SHOWN, SHOWN], "mla-c01")
        shown = await store.posts.get(3)
        assert shown is not None and (shown.question, shown.exam) == (SHOWN, "mla-c01")
        assert (await store.posts.settings(1)).exam == "mla-c01"  # type: ignore[union-attr]
        post = await make_post(store, 3)
        assert post.post_id == 4, "new rows continue after the copied ids"
        assert (await store.record_answer(answer(post, 1, True))).recorded
        assert await store.db.integrity_check() == ["ok"]
    finally:
        await store.close()

    assert await asyncio.to_thread(db, "migrate-to", postgres_url, "--db", source) == 1
    assert "already holds rows; migrate-to copies into an empty database only" in capsys.readouterr().err


def test_migrate_to_needs_a_postgresql_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "study.sqlite3"
    asyncio.run(community(source))
    assert db("migrate-to", tmp_path / "other.sqlite3", "--db", source) == 1
    assert "not a PostgreSQL URL" in capsys.readouterr().err
