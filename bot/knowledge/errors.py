"""Problems found in a deck, each pointing at a file, a line and a field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class DeckIssue:
    file: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else f"{self.file}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DeckError(Exception):
    """Raised with every issue at once; a deck with any issue is never half-loaded."""

    def __init__(self, issues: list[DeckIssue]) -> None:
        self.issues = sorted(issues)
        super().__init__(f"{len(self.issues)} problem(s) in the knowledge base:\n" + "\n".join(map(str, self.issues)))
