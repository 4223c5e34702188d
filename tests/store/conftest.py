from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.store.answers import AnswerRequest
from bot.store.records import DailyPost, GuildSettings
from bot.store.store import Store

GUILD = 1
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # a Monday


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """Every store test runs against both databases."""
    return str(request.param)


@pytest.fixture
def target(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """Where a new, empty store goes: a SQLite file, or a database of the session's PostgreSQL server."""
    if backend == "sqlite":
        return tmp_path / "study.sqlite3"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
async def store(target: Path | str) -> AsyncIterator[Store]:
    opened = await Store.open(target)
    await opened.posts.save_settings(GuildSettings(GUILD, 10, "09:00", "UTC", None, 24, False))
    yield opened
    await opened.close()


async def make_post(store: Store, day: int, domain: str = "modeling", guild: int = GUILD, **shown: str) -> DailyPost:
    """The guild's post of `day`; `shown` may give its `question` as shown and its `exam`."""
    posted = START + timedelta(days=day)
    local_date = date(2026, 11, 2) + timedelta(days=day)
    post = await store.posts.create(guild, local_date, f"q-{day}", domain, 10, posted, posted + timedelta(hours=24), **shown)
    assert post is not None
    return post


def answer(post: DailyPost, user: int, correct: bool, choice: str = "A", minutes: int = 5) -> AnswerRequest:
    return AnswerRequest(post.post_id, user, f"user{user}", choice, correct, post.posted_at + timedelta(minutes=minutes))


async def assert_boards_match_standings(store: Store) -> None:
    """board_counts must always equal the histogram of standings it summarises."""
    derived = await store.db.rows(
        "SELECT board_id, points, COUNT(*) FROM standings GROUP BY board_id, points ORDER BY 1, 2"
    )
    kept = await store.db.rows("SELECT board_id, points, users FROM board_counts ORDER BY 1, 2")
    assert [tuple(row) for row in kept] == [tuple(row) for row in derived]
