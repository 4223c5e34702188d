"""A deck folder's YAML files, read once: what the loader parses and what the compiled cache's key hashes are the same
bytes, so a cached deck can never belong to other text than the one it was built from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from bot.inputfiles import UnreadableFile, files_under, read_text
from bot.limits import DECK_FILE_BYTES

SUFFIX = ".yaml"


@dataclass(frozen=True)
class DeckFiles:
    root: Path
    # Every *.yaml under the root, sorted: its text, or why it could not be read.
    texts: dict[Path, str | UnreadableFile]
    # Folders that could not be listed, with why.
    unlisted: list[tuple[Path, str]]

    @classmethod
    def read(cls, root: Path | str) -> DeckFiles:
        root = Path(root)
        paths, unlisted = files_under(root, SUFFIX)
        texts: dict[Path, str | UnreadableFile] = {}
        for path in paths:
            try:
                texts[path] = read_text(path, DECK_FILE_BYTES)
            except UnreadableFile as error:
                texts[path] = error
        return cls(root, texts, unlisted)

    @property
    def readable(self) -> bool:
        """Every folder listed and every file read (the deck may still be invalid)."""
        return not self.unlisted and all(isinstance(text, str) for text in self.texts.values())

    def digest(self) -> str:
        """A hash of every file's place in the deck and its text."""
        hashed = hashlib.sha256()
        for path, text in self.texts.items():
            content = text if isinstance(text, str) else f"unreadable: {text}"
            for part in (path.relative_to(self.root).as_posix(), content):
                encoded = part.encode("utf-8", "surrogateescape")
                hashed.update(len(encoded).to_bytes(8, "big") + encoded)
        return hashed.hexdigest()
