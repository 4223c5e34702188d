"""Fixtures shared across the suite: the shipped deck compiled once (through a compiled cache of the session's own,
which every process a test starts shares) and a controllable clock."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.app.ask import Asker
from bot.app.deck import Deck
from bot.cache import CACHE_ENV
from bot.knowledge.base import KnowledgeBase
from bot.quiz.bank import QuestionBank
from bot.quiz.courses import Course, Courses

pytest_plugins = ["tests.postgres_fixtures"]  # a throw-away PostgreSQL server for the tests that run on both databases

DECKS = Path(__file__).resolve().parents[1] / "knowledge"
DECK = DECKS / "mls-c01"
MLA_DECK = DECKS / "mla-c01"


def off_weight(kb: KnowledgeBase, points: float = 3) -> dict[str, str]:
    """The domains whose share of the deck's authored questions is more than `points` from the exam guide's weight."""
    questions = list(kb.questions.values())
    shares = {domain: 100 * sum(question.domain == domain for question in questions) / len(questions) for domain in kb.info.weights}
    weights = kb.info.weights
    return {domain: f"{share:.1f}% against {weights[domain]}%" for domain, share in shares.items() if abs(share - weights[domain]) > points}


def one_exam(kb: KnowledgeBase, bank: QuestionBank | None = None) -> Courses:
    """The learning layer's courses for a single deck (its drills generated unless `bank` is given)."""
    return Courses.of(Course(kb, bank or QuestionBank.build(kb)))


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


@pytest.fixture(scope="session", autouse=True)
def compiled_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A compiled cache for this session only (never the user's), set through the environment so the processes tests
    start use it too; the shipped decks' fixtures warm it, so each `studybot` a test runs after them starts warm."""
    folder = tmp_path_factory.mktemp("compiled-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(folder))
        yield folder


@pytest.fixture(scope="session")
def shipped(compiled_cache: Path) -> Deck:
    deck = Deck(DECK)
    deck.matcher, deck.bank  # noqa: B018 -- build (and cache) every part once
    return deck


@pytest.fixture(scope="session")
def deck(shipped: Deck) -> KnowledgeBase:
    return shipped.kb


@pytest.fixture(scope="session")
def bank(shipped: Deck) -> QuestionBank:
    return shipped.bank


@pytest.fixture(scope="session")
def shipped_asker(shipped: Deck) -> Asker:
    """The shipped deck's ask index, built once for the session."""
    return shipped.asker()


@pytest.fixture(scope="session")
def shipped_mla(compiled_cache: Path) -> Deck:
    """The MLA-C01 deck (with the MLS-C01 entries it shares), its index and bank built once for the session."""
    deck = Deck(MLA_DECK)
    deck.matcher, deck.bank  # noqa: B018
    return deck
