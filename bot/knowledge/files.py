"""A deck folder's YAML files, read once: what the loader parses and what the compiled cache's key hashes are the same
bytes, so a cached deck can never belong to other text than the one it was built from."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.inputfiles import UnreadableFile, files_under, read_text
from bot.limits import DECK_FILE_BYTES

SUFFIX = ".yaml"
DECK_FILE = "deck.yaml"


@dataclass(frozen=True)
class DeckFiles:
    root: Path
    # Every *.yaml under the root, sorted: its text, or why it could not be read.
    texts: dict[Path, str | UnreadableFile]
    # Folders that could not be listed, with why.
    unlisted: list[tuple[Path, str]]
    # The decks beside this one whose entries it shares (its deck.yaml's `shares`), read the same way.
    shared: dict[str, DeckFiles] = field(default_factory=dict)

    @classmethod
    def read(cls, root: Path | str, _reading: frozenset[Path] = frozenset()) -> DeckFiles:
        root = Path(root)
        paths, unlisted = files_under(root, SUFFIX)
        texts: dict[Path, str | UnreadableFile] = {}
        for path in paths:
            try:
                texts[path] = read_text(path, DECK_FILE_BYTES)
            except UnreadableFile as error:
                texts[path] = error
        reading = _reading | {root}
        shared = {
            code: cls.read(root.parent / code, reading)
            for code in _shares(texts.get(root / DECK_FILE)) if root.parent / code not in reading
        }
        return cls(root, texts, unlisted, shared)

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
        for code, files in sorted(self.shared.items()):
            hashed.update(f"shares {code} {files.digest()}".encode())
        return hashed.hexdigest()


def _shares(deck_text: str | UnreadableFile | None) -> list[str]:
    """The deck codes a deck.yaml names under `shares`; none when it cannot say (the loader reports why)."""
    if not isinstance(deck_text, str):
        return []
    try:
        document = yaml.load(deck_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, ValueError, RecursionError):
        return []
    shares = document.get("shares") if isinstance(document, dict) else None
    return [code for code in shares if isinstance(code, str) and "/" not in code and code.strip(".")] if isinstance(shares, list) else []
