"""Shard clusters: each process's daily scheduler serves exactly the guilds of its shards, and every guild is served
by exactly one process."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.app.learning import Learning
from bot.quiz.daily import Posting, Reveal
from bot.quiz.daily_scheduler import DailyScheduler, Delivery, Sent
from bot.quiz.shards import Shards
from bot.store.records import PauseReason
from tests.conftest import FakeClock

# Guild ids whose shard (id >> 22) % 4 is 0, 1, 2, 3, 0, 1, 2, 3.
GUILDS = [(index << 22) + 12345 for index in range(8)]


class Recorder:
    def __init__(self) -> None:
        self.sent: list[int] = []

    async def send(self, posting: Posting) -> Delivery:
        self.sent.append(posting.post.guild_id)
        return Sent(posting.post.post_id + 1000)

    async def show_closing(self, reveal: Reveal) -> Delivery:
        return Sent(reveal.post.post_id + 1000)


def test_ranges_and_lists_of_shard_ids() -> None:
    assert Shards.parse("0-3", 8).ids == {0, 1, 2, 3}
    assert Shards.parse("0, 2,5-7", 8).ids == {0, 2, 5, 6, 7}
    assert str(Shards.parse("4-5", 8)) == "shards 4,5 of 8"
    for bad, says in (("0-8", "do not fit"), ("3-1", "do not fit"), ("a", "numbers and ranges"), ("1-", "numbers and ranges")):
        with pytest.raises(ValueError, match=says):
            Shards.parse(bad, 8)
    with pytest.raises(ValueError, match="between 1 and"):
        Shards.parse("0", 0)


def test_discords_rule_puts_a_guild_on_one_shard() -> None:
    halves = [Shards.parse("0-1", 4), Shards.parse("2-3", 4)]
    assert [[half.owns(guild) for half in halves] for guild in GUILDS] == [[True, False], [True, False], [False, True], [False, True]] * 2
    assert all(Shards.everything().owns(guild) for guild in GUILDS)


async def test_each_process_posts_for_its_own_shards_guilds_only(learning: Learning, clock: FakeClock) -> None:
    for guild in GUILDS:
        await learning.daily.setup(guild, channel_id=5, at="09:00", zone="UTC")
    clock.set(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    first, second = Recorder(), Recorder()
    await DailyScheduler(learning.daily, first, shards=Shards.parse("0-1", 4)).tick()
    assert sorted(first.sent) == [GUILDS[index] for index in (0, 1, 4, 5)]
    await DailyScheduler(learning.daily, second, shards=Shards.parse("2-3", 4)).tick()
    assert sorted(second.sent) == [GUILDS[index] for index in (2, 3, 6, 7)]
    await DailyScheduler(learning.daily, first, shards=Shards.parse("0-1", 4)).tick()
    assert len(first.sent) == 4, "a restarted process catches up once, never twice"


async def test_a_process_reconciles_only_its_own_guilds(learning: Learning) -> None:
    for guild in GUILDS:
        await learning.daily.setup(guild, channel_id=5, at="09:00", zone="UTC")
    mine = Shards.parse("0-1", 4)
    present = {guild: [5] for guild in GUILDS if mine.owns(guild)}  # what this process's connections see
    await DailyScheduler(learning.daily, Recorder(), shards=mine).reconcile(present)
    paused = [guild for guild in GUILDS if (await learning.store.posts.settings(guild)).pause_reason is PauseReason.LEFT_GUILD]
    assert paused == [], "the other process's guilds are not 'left' because this process cannot see them"
