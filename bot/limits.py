"""Every bound on input, in one place: user text is cut to these before any matching, files past them are refused.

The bounds keep each answer's time and memory independent of what was sent: a 100,000-character message costs
what a message at the limit costs.
"""

from __future__ import annotations

from typing import TextIO

# ---------------------------------------------------------------- what learners type

# The most of a question that is read (/ask, a mention, the console, `studybot ask`); the rest is ignored with a
# note. Large enough for a pasted exam question with its options (Discord's own ceiling for an option is 6,000):
# everything that reads questions, the /ask option and the console's line length follow it.
ASK_CHARS = 4_000
# A name to look up or compare, a trap topic, a domain, a time zone, a question id: longer than any real one.
NAME_CHARS = 100
# A console learner's name; Discord's display names have the same limit.
LEARNER_NAME_CHARS = 32
# The reason given with a question report.
REPORT_REASON_CHARS = 500
# One console line (or one line of `studybot ask --batch`): a command word and a question at the limit.
LINE_CHARS = ASK_CHARS + 100
# How much of a learner's text is echoed back in a reply ("No entry is called '…'").
ECHO_CHARS = 60
# Discord refuses options longer than this.
DISCORD_OPTION_CHARS = 6_000
# An answer typed in a form: the letters of an ordering question's steps, with room for separators ("C, A, D, B, E").
ANSWER_CHARS = 40

# ---------------------------------------------------------------- files

# A deck file; the shipped deck's largest is under 100 kB.
DECK_FILE_BYTES = 5_000_000
# The config file.
CONFIG_FILE_BYTES = 1_000_000
# Nesting of YAML collections; decks and the config need fewer than ten levels.
YAML_DEPTH = 50
# Values (scalars, collections, aliases) in one YAML document; the shipped deck's fullest file has about 4,000.
YAML_VALUES = 100_000
# Characters that aliases may add to a YAML document by repeating what an anchor names (a few small repeats are fine,
# a million repeats of one long string are an "alias bomb").
YAML_ALIAS_CHARS = 1_000_000
# Digits in a YAML integer; a Discord id has 19.
YAML_INT_DIGITS = 100


def cut(text: str, limit: int) -> str:
    """`text` up to `limit` characters, ended at a word when it is longer (mid-word only for one long word)."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    return head.rsplit(" ", 1)[0].rstrip() if " " in head.strip() else head


def shorten(text: str, limit: int = ECHO_CHARS) -> str:
    """`text` for echoing back in a reply: cut at a word and ended with … when too long."""
    return text if len(text) <= limit else cut(text, limit) + "…"


def read_line(stream: TextIO, limit: int = LINE_CHARS) -> str | None:
    """The next line of `stream` without its line ending, at most `limit` characters of it (the rest of a longer line
    is read and dropped, so memory stays bounded); None at the end of the input."""
    line = stream.readline(limit)
    if not line:
        return None
    if not line.endswith("\n"):
        rest = line
        while len(rest) == limit and not rest.endswith("\n"):
            rest = stream.readline(limit)
    return line.rstrip("\r\n")
