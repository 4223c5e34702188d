"""`studybot db backup` copies a live database consistently; `studybot db check` reports its integrity."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from bot.store.records import GuildSettings
from bot.store.store import Store
from tests.store.conftest import answer, make_post


async def fifty_answers(db: Path) -> Store:
    store = await Store.open(db)
    await store.posts.save_settings(GuildSettings(1, 10, "09:00", "UTC", None, 24, False))
    post = await make_post(store, 0)
    for user in range(1, 51):
        await store.record_answer(answer(post, user, True))
    return store


def test_backup_of_a_live_database_holds_every_committed_answer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "live.sqlite3"
    backup = tmp_path / "copy.sqlite3"
    loop = asyncio.new_event_loop()
    store = loop.run_until_complete(fifty_answers(db))  # still open: the backup is taken while the bot would be running
    try:
        assert main(["--config", "/dev/null", "db", "backup", str(backup), "--db", str(db)]) == 0
    finally:
        loop.run_until_complete(store.close())
        loop.close()
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 50
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert main(["--config", "/dev/null", "db", "backup", str(backup), "--db", str(db)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["--config", "/dev/null", "db", "check", "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip() == "ok"


def test_check_refuses_a_corrupt_file_without_touching_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "junk.sqlite3"
    db.write_bytes(b"not a database at all")
    assert main(["--config", "/dev/null", "db", "check", "--db", str(db)]) == 1
    assert "not a SQLite database" in capsys.readouterr().err
    assert db.read_bytes() == b"not a database at all"
