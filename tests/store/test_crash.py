"""A writer killed with SIGKILL mid-burst loses no acknowledged answer, and the database opens cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from bot.store.store import Store

ROOT = Path(__file__).resolve().parents[2]


async def test_sigkill_mid_burst_keeps_every_acknowledged_answer(target: Path | str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.store.burst_writer", str(target), "20000"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    acknowledged: set[int] = set()
    try:
        assert child.stdout.readline().strip() == "ready"
        for line in child.stdout:
            acknowledged.add(int(line.split()[1]))
            if len(acknowledged) >= 2000:
                break
        child.send_signal(signal.SIGKILL)
        for line in child.stdout:  # acknowledgements already written before the kill landed
            acknowledged.add(int(line.split()[1]))
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    store = await Store.open(target)
    try:
        assert await store.db.integrity_check() == ["ok"]
        recorded = {row[0] for row in await store.db.rows("SELECT user_id FROM answers")}
        assert acknowledged <= recorded, f"{len(acknowledged - recorded)} acknowledged answers were lost"
        assert len(recorded) < 20000, "the burst finished before the kill: the test proved nothing"
        board = await store.standings.leaderboard(1, "all", "mls-c01", limit=100_000)
        assert board.total == len(recorded)
        assert sum(row.points for row in board.rows) == 10 * sum(1 for user in recorded if user % 2 == 0)
    finally:
        await store.close()
