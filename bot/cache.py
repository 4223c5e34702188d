"""The compiled cache: pickles of work derived from a deck (the validated deck, the ask index, the drills), so that
work is done once per deck version rather than once per process.

Each file starts with the key it was built for (a hash of every deck file and of the code), and a reader that finds
another key builds afresh, so a cached value is never stale. Files are written under a temporary name and renamed
into place, so two processes warming the cache at once both succeed and a reader never sees half a file. A file that
cannot be read or unpickled is ignored and rebuilt; trouble with the cache only ever costs time.

The cache is in the user's cache folder (`$STUDYBOT_CACHE_DIR` to choose another); it holds pickles, which are code
to the interpreter, so it is only ever read from a folder of the user's own.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

import pydantic
import pydantic_core
from platformdirs import user_cache_dir

APP_NAME = "studybot"
CACHE_ENV = "STUDYBOT_CACHE_DIR"
# The first line of every cache file: a format change gives a new first line, and old files are rebuilt.
MAGIC = b"studybot compiled cache 1\n"
PACKAGE = Path(__file__).resolve().parent
EMBEDDINGS = PACKAGE / "matching" / "embeddings"
SCENARIOS = PACKAGE / "matching" / "scenarios.tsv"

log = logging.getLogger(__name__)
T = TypeVar("T")


def cache_dir() -> Path:
    """$STUDYBOT_CACHE_DIR, else the user cache folder (~/.cache/studybot on Linux)."""
    return Path(os.environ.get(CACHE_ENV) or user_cache_dir(APP_NAME, appauthor=False))


@cache
def code_version() -> str:
    """A hash of the bot package's source files, its embedding model, its entry scenarios, and the interpreter and
    libraries whose objects are pickled: a change to any of them is a new version, whose cache is built afresh. (numpy
    arrays pickle alike across numpy versions, and importing numpy here would slow every command.)"""
    hashed = hashlib.sha256(f"{sys.version}\0{pydantic.VERSION}\0{pydantic_core.__version__}\0".encode())
    for path in sorted([*PACKAGE.rglob("*.py"), *EMBEDDINGS.iterdir(), SCENARIOS]):
        try:
            source = path.read_bytes()
        except OSError:  # an editor's lock file (a dangling link) and the like: no module, and no reason to fail
            source = b"(unreadable)"
        hashed.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + source + b"\0")
    return hashed.hexdigest()


class CompiledCache:
    """Named values in one folder, each stored with the key it was built for."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def fetch(self, name: str, key: str, kind: type[T], build: Callable[[], T]) -> T:
        """The value stored under `name` if it was built for `key` and is a `kind`; else `build()`, stored for next time."""
        found = self.get(name, key, kind)
        if found is not None:
            return found
        value = build()
        self.put(name, key, value)
        return value

    def get(self, name: str, key: str, kind: type[T]) -> T | None:
        path = self.folder / f"{name}.pickle"
        try:
            with path.open("rb") as stream:
                if stream.readline() != MAGIC or stream.readline() != key.encode() + b"\n":
                    log.debug("compiled cache %s is for another version: rebuilding it", path)
                    return None
                value = pickle.load(stream)
        except FileNotFoundError:
            return None
        except Exception as error:  # a truncated, corrupt or unreadable file, or one from a module since changed
            log.debug("compiled cache %s is unusable (%s: %s): rebuilding it", path, type(error).__name__, error)
            return None
        if not isinstance(value, kind):
            log.debug("compiled cache %s holds a %s, not a %s: rebuilding it", path, type(value).__name__, kind.__name__)
            return None
        return value

    def put(self, name: str, key: str, value: object) -> None:
        """Store `value` atomically; a folder that cannot be written only means no cache."""
        import tempfile  # with shutil, lzma and bz2: only a process that writes pays for them

        path = self.folder / f"{name}.pickle"
        temporary: str | None = None
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=self.folder)
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(MAGIC + key.encode() + b"\n")
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
            temporary = None
        except (OSError, pickle.PicklingError) as error:
            log.debug("compiled cache %s not written (%s: %s)", path, type(error).__name__, error)
        finally:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
