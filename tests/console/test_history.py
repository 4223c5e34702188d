"""The interactive console's history file: trimmed to the newest entries, private, and never fatal."""

from __future__ import annotations

from pathlib import Path

import pytest
from prompt_toolkit.history import FileHistory, InMemoryHistory

from bot.console.history import ConsoleHistory, history_path, open_history


def stored(path: Path) -> list[str]:
    """The entries in the file, newest first."""
    return list(FileHistory(path).load_history_strings())


def test_the_file_is_cut_to_the_newest_entries_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "history"
    writer = FileHistory(path)
    for number in range(12):
        writer.store_string(f"show {number}")
    writer.store_string("ask which service\nfor speech to text?")  # a pasted question keeps its lines
    ConsoleHistory(path, keep=5)
    assert stored(path) == ["ask which service\nfor speech to text?", "show 11", "show 10", "show 9", "show 8"]
    assert path.stat().st_mode & 0o777 == 0o600
    assert not path.with_name("history.trim").exists()


def test_a_line_typed_with_a_leading_space_is_not_recorded(tmp_path: Path) -> None:
    path = tmp_path / "data" / "history"
    history = ConsoleHistory(path)
    history.append_string("show kds")
    history.append_string(" user someone-private")
    assert history.get_strings() == ["show kds"]
    assert stored(path) == ["show kds"]
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_history_that_cannot_be_kept_leaves_a_note_and_the_console_remembers_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    history, note = open_history(blocker / "history")
    assert isinstance(history, InMemoryHistory)
    assert note.startswith("(Commands are not saved between sessions: ") and "\n" not in note


def test_a_file_that_stops_taking_lines_costs_only_their_saving(tmp_path: Path) -> None:
    path = tmp_path / "history"
    history = ConsoleHistory(path)
    path.unlink()
    path.mkdir()  # appending to it now fails, as on a full disk
    history.append_string("show kds")
    assert history.get_strings() == ["show kds"]


def test_the_file_lives_in_the_user_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert history_path() == tmp_path / "studybot" / "console_history"
