"""The entry point: undecodable input is read with replacement, and an unexpected error is one line and a non-zero
exit (the traceback only under --debug)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.knowledge.loader import load_deck
from bot.quiz.bank import QuestionBank
from tests.conftest import MLA_DECK
from tests.knowledge.test_loader import FIXTURES

VALID = FIXTURES / "valid"


def studybot(*args: str, stdin: bytes = b"", config: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """`python -m bot` in a strict UTF-8 locale's stream settings (what en_US.UTF-8 gives: errors are not escaped)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    options = ["--config", str(config)] if config else []
    return subprocess.run(
        [sys.executable, "-m", "bot", *options, *args], input=stdin, capture_output=True, timeout=60, check=False, env=env
    )


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(f"knowledge: {VALID}\ndatabase: {tmp_path / 'db.sqlite3'}\n")
    return path


def test_an_undecodable_line_gets_its_own_answer_and_the_lines_around_it_are_answered(config: Path) -> None:
    result = studybot("ask", "--batch", "--json", stdin=b"kinesis data streams\n\xff\xfe\nfirehose\n", config=config)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(lines) == 3
    assert lines[0]["results"][0]["id"] == "kinesis-data-streams" and lines[2]["results"][0]["id"] == "data-firehose"
    assert lines[1]["results"] == []


def test_the_console_reads_an_undecodable_line_and_goes_on(config: Path) -> None:
    result = studybot("chat", stdin=b"show \xff\xfe\nshow kds\n", config=config)
    assert result.returncode == 0 and result.stderr == b""
    assert "No entry is called" in result.stdout.decode() and "Amazon Kinesis Data Streams  [service" in result.stdout.decode()


def test_ask_answers_from_any_folder_with_the_deck_shipped_in_the_package(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "STUDYBOT_CONFIG"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "which service for speech to text?"], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert result.stdout.startswith("Amazon Transcribe  [service")


def test_deck_names_another_deck_for_each_command_that_uses_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    fixture = load_deck(VALID)
    other = ["--deck", str(VALID)]
    assert main(["--config", os.devnull, "kb", "export", "--json", "--compact", *other]) == 0
    assert [entry["id"] for entry in json.loads(capsys.readouterr().out)["entries"]] == list(fixture.entries)
    assert main(["--config", os.devnull, "quiz", "sample", "--count", "1", "--json", *other]) == 0
    assert QuestionBank.build(fixture).get(json.loads(capsys.readouterr().out)["id"]) is not None
    assert main(["--config", os.devnull, "ask", "--json", "-k", "1", "firehose", *other]) == 0
    assert json.loads(capsys.readouterr().out)["results"][0]["id"] == "data-firehose"
    assert main(["--config", os.devnull, "ask", "firehose", "--deck", str(tmp_path / "nowhere")]) == 1
    assert "nowhere: folder does not exist" in capsys.readouterr().err


def test_exam_picks_a_shipped_deck_and_an_unknown_one_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    config = tmp_path / "config.yaml"
    config.write_text(f"database: {tmp_path / 'db.sqlite3'}\n")
    assert main(["--config", str(config), "quiz", "sample", "--count", "1", "--json", "--exam", "mla-c01"]) == 0
    assert json.loads(capsys.readouterr().out)["domain"] in load_deck(MLA_DECK).info.weights
    assert main(["--config", str(config), "ask", "--json", "-k", "1", "--exam", "MLA", "pipeline of release stages"]) == 0
    assert json.loads(capsys.readouterr().out)["results"][0]["id"] == "codepipeline"
    assert main(["--config", str(config), "ask", "firehose", "--exam", "saa-c03"]) == 1
    err = capsys.readouterr().err
    assert "There is no exam 'saa-c03'. Choose one of: MLA-C01, MLS-C01." in err and len(err.strip().splitlines()) == 1
    config.write_text(f"database: {tmp_path / 'db.sqlite3'}\nexam: mla-c01\n")
    result = studybot("chat", stdin=b"practice 1\nstats\n", config=config)
    assert result.returncode == 0 and result.stderr == b"", result.stderr
    assert "Practice 1/1" in result.stdout.decode() and "MLA-C01" in result.stdout.decode()


def with_a_bug(module: str, function: str, *args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """`studybot ARGS` in a real process where `module.function` raises: the way a bug would surface."""
    script = (
        f"import sys, {module} as target\n"
        "def broken(*_):\n    raise RuntimeError('a bug\\nwith two lines')\n"
        f"target.{function} = broken\n"
        "from bot.cli import main\nsys.exit(main(sys.argv[1:]))"
    )
    return subprocess.run([sys.executable, "-c", script, *args], input=stdin, capture_output=True, timeout=60, check=False)


def test_an_unexpected_error_is_one_line_and_a_non_zero_exit() -> None:
    result = with_a_bug("bot.cli.kb", "cmd_check", "--config", "/dev/null", "kb", "check", str(VALID))
    err = result.stderr.decode()
    assert result.returncode == 1 and result.stdout == b""
    assert err == "error: unexpected RuntimeError: a bug; run again with --debug for the traceback\n"


def test_debug_shows_the_traceback() -> None:
    result = with_a_bug("bot.cli.kb", "cmd_check", "--debug", "--config", "/dev/null", "kb", "check", str(VALID))
    err = result.stderr.decode()
    assert result.returncode == 1
    assert "Traceback (most recent call last)" in err and err.endswith("error: unexpected RuntimeError: a bug\n")


def test_a_bug_in_one_console_command_is_one_line_and_the_console_goes_on(config: Path) -> None:
    script_input = b"show kds\nask kinesis\n"
    plain = with_a_bug("bot.console.knowledge", "_show", "--config", str(config), "chat", stdin=script_input)
    assert plain.returncode == 0 and plain.stderr == b""
    out = plain.stdout.decode()
    assert "Sorry: 'show' failed unexpectedly (RuntimeError: a bug)" in out and "Amazon Kinesis Data Streams  [service" in out
    debug = with_a_bug("bot.console.knowledge", "_show", "--debug", "--config", str(config), "chat", stdin=script_input)
    assert "Traceback (most recent call last)" in debug.stderr.decode()
