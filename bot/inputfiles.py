"""Reading the files users hand us (deck files, the config) without hanging, reading without end, or a traceback.

The file type is checked before opening, so a FIFO is never opened (it would wait for a writer forever); the
size before reading; and every failure is a message in words (`UnreadableFile`) for the caller to put after the
file's name.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device",
}


class UnreadableFile(Exception):
    """Why a file cannot be used, in words that follow its name: 'deck/x.yaml: is a folder, not a file'."""


def why(path: Path, error: OSError) -> str:
    """What went wrong opening or listing `path`, in words."""
    if error.errno == errno.ENOENT:
        return "is a symbolic link to a missing file" if path.is_symlink() else "does not exist"
    if error.errno == errno.ELOOP:
        return "is a symbolic link loop"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read: permission denied"
    if error.errno == errno.ENOTDIR:
        return "cannot be reached: part of its path is a file, not a folder"
    return f"cannot be read: {error.strerror or error}"


def _refuse_unusable(mode: int, size: int, max_bytes: int, devices: bool) -> None:
    if stat.S_ISDIR(mode):
        raise UnreadableFile("is a folder, not a file")
    if not (stat.S_ISREG(mode) or (devices and stat.S_ISCHR(mode))):
        raise UnreadableFile(f"is {_KINDS.get(stat.S_IFMT(mode), 'something else')}, not a regular file")
    if size > max_bytes:
        raise UnreadableFile(f"is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit")


def read_text(path: Path, max_bytes: int, *, devices: bool = False) -> str:
    """The UTF-8 text of a regular file of at most `max_bytes` (or of a character device such as /dev/null, when
    `devices`); raises UnreadableFile saying why not."""
    try:
        info = path.stat()
        _refuse_unusable(info.st_mode, info.st_size, max_bytes, devices)
        # O_NONBLOCK: should the file be swapped for a FIFO after the check, opening it still cannot hang.
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as stream:
            opened = os.fstat(stream.fileno())
            _refuse_unusable(opened.st_mode, opened.st_size, max_bytes, devices)
            data = stream.read(max_bytes + 1)
    except OSError as error:
        raise UnreadableFile(why(path, error)) from None
    if len(data) > max_bytes:
        raise UnreadableFile(f"is over the {max_bytes / 1e6:g} MB limit")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableFile(f"is not UTF-8 text (byte {data[error.start]:#04x} at offset {error.start})") from None


def files_under(root: Path, suffix: str) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Every entry named *`suffix` under `root` (files or not: reading them says what is wrong), sorted, and each
    folder that could not be listed with why. Symbolic links to folders are not followed, as Path.rglob does not."""
    found: list[Path] = []
    problems: list[tuple[Path, str]] = []
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as error:
            problems.append((folder, "is a file, not a folder" if error.errno == errno.ENOTDIR else f"folder {why(folder, error)}"))
            continue
        for entry in entries:
            if entry.name.endswith(suffix):
                found.append(Path(entry.path))
            elif entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
    return sorted(found), problems
