"""The database under stress: held by another process, disk full, I/O errors, bad paths, several processes creating
it at once. Each ends in one line; the console stays alive, the one action is refused, nothing half-done is kept.

All real: a second SQLite connection holding BEGIN IMMEDIATE, PRAGMA max_page_count for a full disk, RLIMIT_FSIZE
for a write the kernel refuses (EFBIG, which SQLite reports as a disk I/O error), and real processes.
"""

from __future__ import annotations

import asyncio
import os
import resource
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app.learning import Learning
from bot.app.study import StudyApp
from bot.console import build_console
from bot.console.repl import Console
from bot.knowledge.base import KnowledgeBase
from bot.quiz.bank import QuestionBank
from bot.store.errors import StoreError
from bot.store.migrations import SCHEMA_VERSION
from bot.store.sqlite import SqliteDatabase, migrate
from bot.store.store import Store
from tests.conftest import FakeClock, one_exam
from tests.unprivileged import studybot

ROOT = Path(__file__).resolve().parents[2]
SHORT_WAIT = 0.2


@pytest.fixture
async def opened(tmp_path: Path, deck: KnowledgeBase, bank: QuestionBank) -> AsyncIterator[tuple[Store, Console]]:
    store = await Store.open(tmp_path / "study.sqlite3", busy_timeout=SHORT_WAIT)
    clock = FakeClock(datetime(2026, 11, 2, 12, 0, tzinfo=UTC))
    yield store, build_console(StudyApp(deck, Learning(one_exam(deck, bank), store, clock)))
    await store.close()


async def say(console: Console, line: str) -> str:
    reply = await console.handle(line)
    assert reply is not None
    return reply


@contextmanager
def write_lock_held(path: Path) -> Iterator[None]:
    """Another connection (as another process would) holding the database's write lock."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


async def test_a_write_lock_held_too_long_refuses_the_one_action_and_the_console_goes_on(
    opened: tuple[Store, Console],
) -> None:
    store, console = opened
    with write_lock_held(store.db.path):
        reply = await say(console, "practice ops 2")
        assert reply.startswith("The database is busy: another program has held its write lock for over 0.2 s.")
        assert "\n" not in reply
        assert "0 answered" in await say(console, "stats")  # reads go on
    assert (await say(console, "practice ops 2")).startswith("Practice 1/2")


async def test_a_full_disk_refuses_the_one_action_and_keeps_the_database_sound(opened: tuple[Store, Console]) -> None:
    store, console = opened
    async with store.db.writer.execute("PRAGMA page_count") as cursor:
        pages = (await cursor.fetchone())[0]
    await store.db.writer.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: the disk is full
    replies = [await say(console, "practice ops 2") for _ in range(200)]
    started = sum(reply.startswith("Practice 1/2") for reply in replies)
    refused = [reply for reply in replies if not reply.startswith("Practice 1/2")]
    assert refused and all(reply.startswith("The disk holding the database is full.") and "\n" not in reply for reply in refused)
    assert "0 answered" in await say(console, "stats")
    await store.db.writer.execute("PRAGMA max_page_count = 1073741823")
    assert (await say(console, "practice ops 2")).startswith("Practice 1/2")
    assert len(await store.db.rows("SELECT 1 FROM practice_sessions")) == started + 1
    assert await store.db.integrity_check() == ["ok"]


@contextmanager
def file_writes_refused() -> Iterator[None]:
    """Every write that would grow a file fails with EFBIG (Python ignores SIGXFSZ), as a failing disk would."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


async def test_a_disk_io_error_refuses_the_one_action_and_keeps_the_database_sound(opened: tuple[Store, Console]) -> None:
    store, console = opened
    await store.db.writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the next commit must grow the log file
    with file_writes_refused():
        reply = await console.handle("practice ops 2")
    assert reply is not None and reply.startswith("The database could not be read or written (disk I/O error).")
    assert (await say(console, "practice ops 2")).startswith("Practice 1/2")
    assert await store.db.integrity_check() == ["ok"]


def test_migrations_take_the_write_lock_before_reading_the_schema_version(tmp_path: Path) -> None:
    for _ in ("new", "current"):
        conn = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
        statements: list[str] = []
        conn.set_trace_callback(statements.append)
        migrate(conn, tmp_path / "db.sqlite3")
        conn.close()
        assert statements[0] == "BEGIN IMMEDIATE"
        assert statements.index("PRAGMA user_version") > 0


def test_switching_to_wal_waits_while_another_process_holds_the_write_lock(tmp_path: Path) -> None:
    """Upgrading a read lock for the switch gets BUSY at once from SQLite, with no busy wait: six processes creating one
    database together failed now and then until the switch was retried."""
    path = tmp_path / "db.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, path)
    conn.execute("PRAGMA journal_mode = DELETE")  # as a file another process has just created and not yet switched
    other = sqlite3.connect(path, isolation_level=None)
    switches: list[str] = []

    def another_process_takes_the_lock_then_lets_go(statement: str) -> None:
        if "journal_mode" in statement:
            switches.append(statement)
            other.execute("BEGIN IMMEDIATE" if len(switches) == 1 else "COMMIT")

    conn.set_trace_callback(another_process_takes_the_lock_then_lets_go)
    migrate(conn, path, busy_timeout=5)
    conn.set_trace_callback(None)
    assert len(switches) == 2
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    other.close()


OPEN_WHEN_TOLD = """
import asyncio, sys
from bot.quiz.bank import QuestionBank
from bot.store.store import Store
sys.stdin.read()
async def main():
    await (await Store.open(sys.argv[1])).close()
asyncio.run(main())
print("ok")
"""


def test_processes_creating_one_new_database_at_once_all_succeed(tmp_path: Path) -> None:
    for round_ in range(3):
        path = tmp_path / f"new-{round_}.sqlite3"
        children = [
            subprocess.Popen([sys.executable, "-c", OPEN_WHEN_TOLD, str(path)], cwd=ROOT, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(6)
        ]
        for child in children:  # as close to together as processes can be told
            assert child.stdin is not None
            child.stdin.close()
        outcomes = []
        for child in children:
            child.wait(timeout=60)
            assert child.stdout is not None and child.stderr is not None
            outcomes.append((child.stdout.read(), child.stderr.read()))
        assert [out for out, _ in outcomes] == ["ok\n"] * 6, [err for _, err in outcomes]
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


async def test_a_foreign_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="another program"):
        await SqliteDatabase.open(path)
    assert path.read_bytes() == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def db_command(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return studybot("--config", os.devnull, "db", *args)


def one_line_error(result: subprocess.CompletedProcess[str], says: str) -> None:
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1 and says in result.stderr, result.stderr


@pytest.mark.parametrize("command", ["check", "backup"])
def test_db_commands_refuse_a_missing_database_instead_of_creating_one(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "missing.sqlite3"
    args = ["check"] if command == "check" else ["backup", tmp_path / "copy.sqlite3"]
    one_line_error(db_command(*args, "--db", missing), "no database")
    assert not missing.exists() and not (tmp_path / "copy.sqlite3").exists()


@pytest.fixture
def live_db(tmp_path: Path) -> Path:
    """A database of about a megabyte."""
    path = tmp_path / "live.sqlite3"

    async def fill() -> None:
        store = await Store.open(path)
        async with store.db.transaction() as conn:
            await conn.executemany("INSERT INTO users VALUES (?, ?)", [(user, "x" * 1000) for user in range(1, 1000)])
        await store.close()

    asyncio.run(fill())
    return path


@pytest.mark.parametrize(
    ("target", "says"),
    [
        (lambda tmp: tmp / "nowhere" / "copy.sqlite3", "does not exist"),
        (lambda tmp: tmp / "live.sqlite3" / "copy.sqlite3", "is not a folder"),
        (lambda tmp: tmp / "locked" / "copy.sqlite3", "permission denied"),
    ],
)
def test_a_backup_that_cannot_be_written_is_one_line(
    tmp_path: Path, live_db: Path, target: Callable[[Path], Path], says: str
) -> None:
    (tmp_path / "locked").mkdir(mode=0o555)
    one_line_error(db_command("backup", target(tmp_path), "--db", live_db), says)


def small_files() -> None:
    """In the child before exec: files may not grow past 64 kB (the source opens, the copy cannot be written)."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (64_000, resource.RLIM_INFINITY))


def test_a_backup_that_fails_midway_leaves_no_file(tmp_path: Path, live_db: Path) -> None:
    copy = tmp_path / "copies" / "copy.sqlite3"
    copy.parent.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--config", os.devnull, "db", "backup", str(copy), "--db", str(live_db)],
        capture_output=True, text=True, timeout=60, check=False, preexec_fn=small_files,
    )
    one_line_error(result, "disk I/O error")
    assert list(copy.parent.iterdir()) == []


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    ("db", "says"),
    [
        (lambda tmp: tmp / "file" / "study.sqlite3", "is a file, not a folder"),
        (lambda tmp: Path("/proc/study.sqlite3"), "cannot open or create the database file there"),
        (lambda tmp: tmp / "fifo", "is a FIFO (named pipe), not a database file"),
        (lambda tmp: tmp / "locked" / "study.sqlite3", "cannot open or create the database file there"),
    ],
)
def test_a_database_path_that_cannot_be_used_is_one_line(tmp_path: Path, db: Callable[[Path], Path], says: str) -> None:
    (tmp_path / "file").write_text("")
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "locked").mkdir(mode=0o555)
    result = studybot("--config", os.devnull, "chat", "--db", db(tmp_path), stdin="stats\n")
    one_line_error(result, says)
