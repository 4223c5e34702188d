"""Layer 2 for a shard cluster: two real `studybot run` processes, two shards each of four, against the fake Discord
and one PostgreSQL database. Every guild gets exactly one daily post, from the process that owns its shard."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from pathlib import Path

import pytest

from bot.quiz.shards import Shards
from bot.store.records import GuildSettings
from bot.store.store import Store
from tests.e2e.fakediscord import CHANNEL_ID, GUILD_ID, FakeDiscord
from tests.e2e.test_wire import Bot, start_bot

SHARDS = 4
# Eight guilds, two on each shard ((guild_id >> 22) % 4 differs with k), each with its own channel.
GUILDS = {str(int(GUILD_ID) + (k << 22)): str(int(CHANNEL_ID) + 1000 * k) for k in range(8)}
# Every second the scheduler looks again: a second post for any guild would have every chance to appear.
FAST_TICKS = "  scheduler_interval_seconds: 1\n"


def posts_per_channel(fake: FakeDiscord) -> Counter[str]:
    sent = [request for request in fake.requests if request.method == "POST" and request.path.startswith("/channels/")]
    return Counter(request.path.split("/")[2] for request in sent)


@pytest.mark.timeout(180)
async def test_two_processes_with_two_shards_each_post_once_in_every_guild(tmp_path: Path, postgres_url: str) -> None:
    fake = FakeDiscord(GUILDS)
    await fake.start()
    store = await Store.open(postgres_url)  # each guild ran /daily setup earlier: a question at midnight UTC, due now
    for guild, channel in GUILDS.items():
        await store.posts.save_settings(GuildSettings(int(guild), int(channel), "00:00", "UTC", None, 24, False))
    bots: list[Bot] = []
    try:
        for name, shards in (("first", "0-1"), ("second", "2-3")):
            (tmp_path / name).mkdir()
            bots.append(await start_bot(
                tmp_path / name, fake, db=postgres_url, options=["--shard-ids", shards, "--shard-count", str(SHARDS)],
                discord_settings=FAST_TICKS,
            ))
        identified = await fake.wait_for(lambda: len([c for c in fake.connections if c.ops(2)]) == 2 * len(bots) and fake.connections)
        assert sorted(tuple(c.ops(2)[0]["d"]["shard"]) for c in identified) == [(shard, SHARDS) for shard in range(SHARDS)]
        await fake.wait_for(lambda: set(posts_per_channel(fake)) == set(GUILDS.values()), timeout=90)
        await asyncio.sleep(4)  # several more passes of both schedulers
        assert posts_per_channel(fake) == Counter({channel: 1 for channel in GUILDS.values()})
        for bot in bots:
            assert await bot.stop() == 0
    finally:
        for bot in bots:
            if bot.process.returncode is None:
                bot.process.kill()
                await bot.process.wait()
            print(bot.output())
        await fake.stop()
    try:
        rows = await store.db.rows("SELECT guild_id, COUNT(*), MIN(message_id) FROM daily_posts GROUP BY guild_id ORDER BY guild_id")
        assert [(str(row[0]), row[1]) for row in rows] == [(guild, 1) for guild in sorted(GUILDS, key=int)]
        assert all(row[2] is not None for row in rows), "every post was confirmed sent"
    finally:
        await store.close()
    for bot, shards in zip(bots, ("0-1", "2-3"), strict=True):
        output = bot.output()
        assert " ERROR " not in output and "Traceback" not in output
        mine = Shards.parse(shards, SHARDS)
        assert f"running {mine}" in output
        posted_here = {int(guild) for guild in re.findall(r"daily post \d+ sent in guild (\d+)", output)}
        assert posted_here == {int(guild) for guild in GUILDS if mine.owns(int(guild))}, "each process posts for its own shards' guilds"
