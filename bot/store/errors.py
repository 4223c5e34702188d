"""What the store raises for a learner or an operator to read: one sentence, whichever database is behind it."""

from __future__ import annotations


class StoreError(Exception):
    """A database that cannot be used as it is; the message says which one and why."""


class StoreUnavailable(StoreError):
    """One action the database could not do just now (held by another program, disk full, I/O error, damage, a
    server out of reach); nothing of that action was kept, and the next one may work."""
