"""A small deck made for the matcher's tests, so they do not move with the real knowledge base."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app.ask import Asker
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_deck
from bot.matching import Matcher

DECK = Path(__file__).parent / "fixtures" / "deck"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_deck(DECK)


@pytest.fixture(scope="session")
def matcher(kb: KnowledgeBase) -> Matcher:
    return Matcher(kb)


@pytest.fixture(scope="session")
def asker(kb: KnowledgeBase) -> Asker:
    return Asker(kb)
