from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app.learning import Learning
from bot.knowledge.base import KnowledgeBase
from bot.quiz.bank import QuestionBank
from bot.store.store import Store
from tests.conftest import FakeClock, one_exam

MONDAY_8AM = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_8AM)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "quiz.sqlite3")
    yield opened
    await opened.close()


@pytest.fixture
def learning(deck: KnowledgeBase, store: Store, clock: FakeClock, bank: QuestionBank) -> Learning:
    return Learning(one_exam(deck, bank), store, clock)
