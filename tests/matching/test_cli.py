"""`studybot ask`: the card as text, the ranking as JSON, and a batch mode reading stdin."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.limits import ASK_CHARS
from tests.matching.conftest import DECK


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(f"knowledge: {DECK}\ndatabase: {tmp_path / 'db.sqlite3'}\n")
    return path


def run(config: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["--config", str(config), "ask", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_text_answer_is_the_card(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(config, capsys, "which service for speech to text?")
    assert status == 0
    assert out.startswith("Amazon Transcribe  [service · ML implementation and operations · MLS-C01]")
    assert "Not to be confused with:" in out and "Amazon Polly: Polly goes the other way" in out


def test_json_ranking_best_first_at_most_k(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(config, capsys, "--json", "-k", "2", "stream into s3")
    document = json.loads(out)
    assert status == 0 and document["query"] == "stream into s3"
    assert [result["id"] for result in document["results"]][:1] == ["data-firehose"] and len(document["results"]) == 2
    assert set(document["results"][0]) == {"id", "name", "kind", "score"}
    scores = [result["score"] for result in document["results"]]
    assert scores == sorted(scores, reverse=True)
    _, default_k, _ = run(config, capsys, "--json", "stream data")
    assert len(json.loads(default_k)["results"]) == 3


def test_json_for_a_comparison_and_for_bad_input(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(config, capsys, "--json", "kinesis vs firehose")
    assert [result["id"] for result in json.loads(out)["results"]] == ["kinesis-data-streams", "data-firehose"]
    status, out, _ = run(config, capsys, "--json", "@everyone")
    assert status == 0 and json.loads(out) == {"query": "", "results": []}
    assert "@everyone" not in out


def test_batch_reads_one_query_a_line_in_order(config: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("speech to text\n\n🙂\nTP / (TP + FN)\n" + "x" * (ASK_CHARS + 1000) + "\n"))
    status, out, _ = run(config, capsys, "--batch", "--json", "-k", "1")
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and len(lines) == 5
    assert [line["results"][0]["id"] if line["results"] else None for line in lines[:4]] == ["transcribe", None, None, "recall"]
    assert len(lines[4]["query"]) <= ASK_CHARS


def test_bad_input_gets_a_message_not_an_error(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(config, capsys, "   ")
    assert status == 0 and "Ask me about a need" in out
    status, out, _ = run(config, capsys, "\x00\x07")
    assert status == 0 and "not emoji or symbols" in out


def test_usage_errors(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(config, capsys)
    assert status == 1 and "--batch" in err
    status, _, err = run(config, capsys, "-k", "0", "firehose")
    assert status == 1 and "-k must be at least 1" in err
