"""Numbers carried in custom ids. A modified client can send a click with any custom id, so the patterns take at most
20 digits (a snowflake's most) and a number SQLite cannot hold is read as None: an invalid control, never an error."""

from __future__ import annotations

ID = "[0-9]{1,20}"
MAX_ID = 2**63 - 1
INVALID = "That button is not valid (any more)."


def number(digits: str) -> int | None:
    value = int(digits)
    return value if value <= MAX_ID else None
