"""Fixtures shared across the suite: the shipped deck (loaded once) and a controllable clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_deck

DECK = Path(__file__).resolve().parents[1] / "knowledge" / "mls-c01"


@dataclass
class FakeClock:
    """A clock that moves only when a test says so."""

    current: datetime

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)

    def set(self, moment: datetime) -> None:
        self.current = moment


@pytest.fixture(scope="session")
def deck() -> KnowledgeBase:
    return load_deck(DECK)
