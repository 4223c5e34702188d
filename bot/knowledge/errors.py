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


# Issues listed in the message; `DeckError.issues` keeps them all.
SHOWN_ISSUES = 200


class DeckError(Exception):
    """Raised with every issue at once; a deck with any issue is never half-loaded."""

    def __init__(self, issues: list[DeckIssue]) -> None:
        self.issues = sorted(issues)
        shown = [str(issue) for issue in self.issues[:SHOWN_ISSUES]]
        if len(self.issues) > SHOWN_ISSUES:
            shown.append(f"... and {len(self.issues) - SHOWN_ISSUES} more")
        super().__init__(f"{len(self.issues)} problem(s) in the knowledge base:\n" + "\n".join(shown))
