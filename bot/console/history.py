"""The interactive console's command history: a small file in the user data folder that holds no secrets."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from platformdirs import user_data_dir
from prompt_toolkit.history import FileHistory, History, InMemoryHistory

from bot.config import APP_NAME

# Enough to recall last week's commands; the file stays small (a line is at most a pasted question).
HISTORY_ENTRIES = 500
HISTORY_FILE = "console_history"


def history_path() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False)) / HISTORY_FILE


def _private_file(path: Path) -> None:
    """Create `path` readable by its owner only, if it does not exist yet."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))


class ConsoleHistory(FileHistory):
    """prompt_toolkit's file history, cut to the newest `keep` entries when opened.

    A line typed with a leading space is not recorded, as shells do with HISTCONTROL=ignorespace, so anything can be
    kept out of the file. A file that cannot be written costs the saved history, never the console.
    """

    def __init__(self, path: Path, keep: int = HISTORY_ENTRIES) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        _private_file(path)
        super().__init__(path)
        self._trim(path, keep)

    def _trim(self, path: Path, keep: int) -> None:
        newest_first = list(self.load_history_strings())
        if len(newest_first) <= keep:
            return
        trimmed = path.with_name(path.name + ".trim")
        trimmed.unlink(missing_ok=True)
        _private_file(trimmed)
        writer = FileHistory(trimmed)
        for line in reversed(newest_first[:keep]):
            writer.store_string(line)
        os.replace(trimmed, path)

    def append_string(self, string: str) -> None:
        if not string.startswith(" "):
            super().append_string(string)

    def store_string(self, string: str) -> None:
        # A full disk or a file gone read-only: this session's lines are still recalled from memory.
        with contextlib.suppress(OSError):
            super().store_string(string)


def open_history(path: Path | None = None) -> tuple[History, str]:
    """The history at `path` (default: the user data folder); else one kept in memory, and a line saying why."""
    path = path or history_path()
    try:
        return ConsoleHistory(path), ""
    except OSError as error:
        return InMemoryHistory(), f"(Commands are not saved between sessions: {path}: {error.strerror or error}.)"
