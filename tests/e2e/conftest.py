"""Fixtures for both layers of Discord tests: guards that fail a test on a logged error or a real network call,
and for the simulator layer, the real bot built around a temporary database."""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import discord
import pytest
import simcord

from bot.app.ask import Asker
from bot.app.learning import Learning
from bot.app.library import StudyApps
from bot.app.study import StudyApp
from bot.config import DiscordSettings
from bot.discord.client import StudyBotBase, create_bot
from bot.knowledge.base import KnowledgeBase
from bot.quiz.bank import QuestionBank
from bot.store.answers import AnswerRequest
from bot.store.store import Store
from tests.conftest import one_exam
from tests.e2e.daily_world import World, make_world
from tests.e2e.fakediscord import FakeDiscord
from tests.e2e.world import BaseWorld


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def logged_errors() -> Iterator[Collect]:
    """Errors that discord.py, asyncio or aiohttp only log (in a view, a task, the gateway, the fake) fail the test."""
    handler = Collect()
    loggers = [logging.getLogger(name) for name in ("discord", "asyncio", "aiohttp")]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler
    for logger in loggers:
        logger.removeHandler(handler)
    assert not handler.records, "logged errors:\n" + "\n".join(handler.format(record) for record in handler.records)


@pytest.fixture
def nothing_logged_as_an_error(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """For scenarios where the bot logs what it catches (the scheduler, buttons): an error logged there fails the test
    like a raised one."""
    yield
    errors = [record for record in caplog.get_records("call") if record.levelno >= logging.ERROR]
    assert not errors, "logged errors:\n" + "\n".join(record.getMessage() for record in errors)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection to a non-loopback address fails at once instead of hanging."""
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0]
            try:
                loopback = ipaddress.ip_address(host).is_loopback
            except ValueError:
                loopback = host == "localhost"
            if not loopback:
                raise OSError(f"test tried to reach {host}: tests must not use the network")
        real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


class SimClock:
    """The simulated instant. simcord swaps the clock discord.py reads (`discord.utils.utcnow`) for its virtual time
    (2026-01-01 00:00 UTC at the start), so the learning layer and the scheduler loop move with `advance_time`."""

    def now(self) -> datetime:
        return discord.utils.utcnow()


@pytest.fixture(scope="session")
def knowledge_app(deck: KnowledgeBase, shipped_asker: Asker) -> StudyApp:
    return StudyApp(deck, asker=shipped_asker)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.open(tmp_path / "bot.sqlite3")
    # The answer writer is one task that waits for answers as long as the store is open. Started here, outside the
    # simulated bot (an answer to no post is refused without a write), simcord does not count it as bot work that
    # never settles; started by the first click, it would.
    await store.record_answer(AnswerRequest(0, 0, "", "", False, datetime.now(UTC)))
    yield store
    await store.close()


def whole_app(knowledge_app: StudyApp, deck: KnowledgeBase, store: Store, bank: QuestionBank) -> StudyApps:
    """The whole app over `store` on simulated time; the ask index and the bank are the session's, built once."""
    return StudyApps.of(StudyApp(deck, Learning(one_exam(deck, bank), store, SimClock()), knowledge_app.asker))


@pytest.fixture
def study_app(knowledge_app: StudyApp, deck: KnowledgeBase, store: Store, bank: QuestionBank) -> StudyApps:
    return whole_app(knowledge_app, deck, store, bank)


@pytest.fixture
def restart(
    world: BaseWorld, knowledge_app: StudyApp, deck: KnowledgeBase, store: Store, bank: QuestionBank, settings: DiscordSettings
) -> Callable[[], Awaitable[None]]:
    async def restart() -> None:
        """A new bot over the same database, with nothing carried over in memory."""
        await world.env.restart_bot(create_bot(whole_app(knowledge_app, deck, store, bank), store, settings))

    return restart


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> DiscordSettings:
    """30 s between questions by default; a module may set its own as SETTINGS, a test pass its own with
    `parametrize(..., indirect=True)`."""
    return getattr(request, "param", getattr(request.module, "SETTINGS", DiscordSettings(ask_cooldown_seconds=30)))


@pytest.fixture
def world(simcord_env: simcord.Env) -> World:
    """The daily-question world: a guild with an admin, two learners, a daily channel and a role to ping (modules about
    something else define their own)."""
    return make_world(simcord_env)


@pytest.fixture
def simcord_bot(study_app: StudyApps, store: Store, settings: DiscordSettings) -> StudyBotBase:
    return create_bot(study_app, store, settings)


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    fake = FakeDiscord()
    await fake.start()
    yield fake
    await fake.stop()
