"""How console replies look: the width they wrap to and, on a colour terminal, their colour and weight.

Renderers build their text through a Look. PLAIN (100 columns, no styling) is what piped output has always been;
only the interactive terminal gets another one, so styling lives here and nowhere else.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

PLAIN_WIDTH = 100
# Narrower than this, indented lines would have no room left for words.
MIN_WIDTH = 40

# SGR parameters (ECMA-48): what each kind of text looks like on a colour terminal.
HEADING = "1;36"
STRONG = "1"
MUTED = "2"
GOOD = "32"
BAD = "31"
RESET = "\x1b[0m"


@dataclass(frozen=True)
class Look:
    width: int = PLAIN_WIDTH
    color: bool = False

    def fill(self, text: str, indent: str = "", bullet: str = "") -> str:
        """`text` wrapped to the width, every line indented, the first after `bullet`."""
        return textwrap.fill(
            text, max(self.width, MIN_WIDTH), initial_indent=indent + bullet, subsequent_indent=indent + " " * len(bullet)
        )

    def _style(self, code: str, text: str) -> str:
        # Each line on its own, so a wrapped block stays styled and nothing leaks past a line end; a style nested
        # inside (a green word in a heading) ends with a reset, after which this one starts again.
        if not self.color:
            return text
        start = f"\x1b[{code}m"
        return "\n".join(start + line.replace(RESET, RESET + start) + RESET for line in text.split("\n"))

    def heading(self, text: str) -> str:
        return self._style(HEADING, text)

    def strong(self, text: str) -> str:
        return self._style(STRONG, text)

    def muted(self, text: str) -> str:
        return self._style(MUTED, text)

    def good(self, text: str) -> str:
        return self._style(GOOD, text)

    def bad(self, text: str) -> str:
        return self._style(BAD, text)

    def option(self, letter: str, text: str, indent: str = "  ") -> str:
        """A lettered option, wrapped, with its letter in bold (styled after wrapping, so the width stays right)."""
        head = f"{indent}{letter})"
        return indent + self.strong(f"{letter})") + self.fill(f"{letter}) {text}", indent)[len(head):]


PLAIN = Look()
