"""The compiled deck and its cache: never stale, rebuilt when corrupt, shared safely by processes starting at once, and
never trusted by `kb check`."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app.deck import Deck
from bot.cache import CACHE_ENV, MAGIC, CompiledCache
from bot.cli import main
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.errors import DeckError
from bot.knowledge.loader import load_deck
from tests.conftest import DECK
from tests.knowledge.test_loader import FIXTURES

SUMMARY = "Automatic speech recognition that converts"
EDITED = "Speech recognition, as edited in this copy, that converts"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty compiled cache of this test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the shipped deck, free to edit."""
    return Path(shutil.copytree(DECK, tmp_path / "decks" / "mls-c01"))


def ask(capsys: pytest.CaptureFixture[str], deck: Path, query: str = "speech to text") -> str:
    assert main(["--config", os.devnull, "ask", "--deck", str(deck), query]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def cache_files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def parts(folder: Path) -> set[str]:
    """Which parts of a deck the cache holds (files are named DECK-FOLDERHASH-PART.pickle)."""
    return {name.rsplit("-", 1)[1].removesuffix(".pickle") for name in cache_files(folder)}


def cache_file(folder: Path, part: str) -> Path:
    [path] = folder.glob(f"*-{part}.pickle")
    return path


def test_the_cached_deck_equals_the_deck_read_from_its_yaml(copy: Path, cache: Path) -> None:
    Deck(copy).kb  # noqa: B018 -- builds and stores it
    cached = Deck(copy).kb
    assert isinstance(cached, KnowledgeBase) and cached == load_deck(copy)
    assert parts(cache) == {"kb"}


def test_a_changed_deck_file_gives_the_changed_answer(copy: Path, cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert SUMMARY in ask(capsys, copy)
    assert parts(cache) == {"kb", "index"}
    entries = copy / "entries" / "ai-services.yaml"
    entries.write_text(entries.read_text().replace(SUMMARY, EDITED))
    out = ask(capsys, copy)
    assert EDITED in out and SUMMARY not in out
    assert EDITED in Deck(copy).kb.entries["transcribe"].summary


def test_a_removed_deck_file_is_gone_from_the_deck_at_once(copy: Path, cache: Path) -> None:
    before = Deck(copy).kb.questions
    (copy / "questions" / "modeling.yaml").unlink()
    after = Deck(copy).kb.questions
    assert after and len(after) < len(before)
    assert {str(origin[0]) for origin in Deck(copy).kb.origins.values()}.isdisjoint({"mls-c01/questions/modeling.yaml"})


def test_a_corrupt_or_foreign_cache_file_is_rebuilt_without_an_error(
    copy: Path, cache: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    answer = ask(capsys, copy)
    good = cache_files(cache)
    kb_file, index_file = cache_file(cache, "kb"), cache_file(cache, "index")
    kb_file.write_bytes(good[kb_file.name][: len(good[kb_file.name]) // 2])  # cut short, as by a full disk
    index_file.write_bytes(b"\x00garbage")
    with caplog.at_level(logging.DEBUG, logger="bot.cache"):
        assert ask(capsys, copy) == answer
    assert caplog.text.count("unusable") == 1 and caplog.text.count("another version") == 1
    assert cache_files(cache) == good
    kb_file.write_bytes(good[index_file.name])  # a whole, readable file holding the wrong kind of thing
    assert ask(capsys, copy) == answer and cache_files(cache) == good


def test_a_cache_that_cannot_be_written_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert SUMMARY in ask(capsys, DECK)


def test_a_value_is_served_only_for_its_key_and_kind(tmp_path: Path) -> None:
    cache = CompiledCache(tmp_path)
    cache.put("part", "key-1", [1, 2])
    assert cache.get("part", "key-1", list) == [1, 2]
    assert cache.get("part", "key-2", list) is None
    assert cache.get("part", "key-1", dict) is None
    assert cache.get("other", "key-1", list) is None
    assert (tmp_path / "part.pickle").read_bytes().startswith(MAGIC + b"key-1\n")
    assert [path.name for path in tmp_path.iterdir()] == ["part.pickle"]  # no temporary file left behind


def test_new_code_is_a_new_version(copy: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = Deck(copy)
    first.kb  # noqa: B018
    monkeypatch.setattr("bot.app.deck.code_version", lambda: "another version of the code")
    assert Deck(copy).key != first.key


def test_a_deck_with_problems_is_never_cached(tmp_path: Path, cache: Path) -> None:
    deck = Path(shutil.copytree(FIXTURES / "valid", tmp_path / "deck"))
    (deck / "bad.yaml").write_text("- id: x\n")
    with pytest.raises(DeckError):
        Deck(deck).kb  # noqa: B018
    assert not cache.exists()
    (deck / "bad.yaml").unlink()
    assert Deck(deck).kb.counts()["service"] == 2


def test_kb_check_reads_the_yaml_never_the_cache(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = Path(shutil.copytree(FIXTURES / "valid", tmp_path / "deck"))
    Deck(deck).kb  # noqa: B018 -- cached

    def refuse(*_: object) -> None:
        raise AssertionError("kb check consulted the compiled cache")

    monkeypatch.setattr(CompiledCache, "get", refuse)
    assert main(["--config", os.devnull, "kb", "check", str(deck)]) == 0
    assert "OK" in capsys.readouterr().out


@pytest.mark.slow
def test_two_processes_warming_the_cache_at_once_both_succeed(copy: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    command = [sys.executable, "-m", "bot", "--config", os.devnull, "quiz", "sample", "--count", "3", "--json", "--deck", str(copy)]
    started = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [process.communicate(timeout=120) for process in started]
    assert [process.returncode for process in started] == [0, 0], results
    assert results[0] == results[1] and results[0][1] == "" and len(results[0][0].splitlines()) == 3
    assert parts(cache) == {"kb", "drills"}  # and no temporary file left behind
    expected = load_deck(copy)

    def refuse(*_: object) -> None:
        raise AssertionError("built again: the cache the two processes wrote was not usable")

    monkeypatch.setattr("bot.knowledge.loader.load_files", refuse)
    monkeypatch.setattr("bot.quiz.generate.generate_questions", refuse)
    deck = Deck(copy)
    assert deck.kb == expected and len(deck.bank.drills) > 100
