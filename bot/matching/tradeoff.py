"""The side of a stated trade-off that matters: "missing a fraud case is far more costly than flagging a good one".

Both sides name a concern the deck has an entry for (recall, precision), and a matcher that counts words favours the
side described at more length, often the one that matters less. In a cost comparison the words after "than" are the
lesser concern, so they are left out before the question's words are counted.
"""

from __future__ import annotations

import re

# "more costly than ...", "far worse to miss one than to ...": what comes before "than" is kept, the rest of the clause
# is not.
_LESSER = re.compile(
    r"(?P<kept>\b(?:more\s+(?:costly|expensive|harmful|serious|damaging|dangerous|critical|important)|costlier|"
    r"worse\s+to\b[^.,;:?!]{0,80}?))\s+than\b[^.,;:?!]*",
    re.IGNORECASE,
)


def without_lesser(text: str) -> str:
    """`text` without the lesser side of each cost comparison it makes."""
    return _LESSER.sub(lambda match: match.group("kept"), text) if "than" in text.lower() else text
