"""The console runs scripted on stdin through the real entry point."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "knowledge" / "fixtures" / "valid"


def chat(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "config.yaml"
    config.write_text(f"knowledge: {FIXTURE}\ndatabase: {tmp_path / 'db.sqlite3'}\n")
    return subprocess.run(
        [sys.executable, "-m", "bot", "--config", str(config), "chat"],
        input=script, capture_output=True, text=True, timeout=60, check=False,
    )


def test_show_finds_entries_by_alias_and_suggests_on_typos(tmp_path: Path) -> None:
    result = chat("help\nshow kds\nshow firehos\nfrobnicate\n\n", tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "show NAME" in out
    assert "Amazon Kinesis Data Streams  [service · Data engineering · MLS-C01]" in out
    assert "Not to be confused with:" in out and "Amazon Data Firehose: Firehose delivers" in out
    assert "No entry is called 'firehos'. Did you mean: Amazon Data Firehose" in out
    assert "Unknown command 'frobnicate'" in out


def test_quit_ends_the_session(tmp_path: Path) -> None:
    result = chat("quit\nshow kds\n", tmp_path)
    assert result.returncode == 0 and "Kinesis" not in result.stdout

