"""Layer 1 at scale: a thousand guilds due at the same minute, every message sent or edited taking 150 ms of
simulated time.

The scheduler posts and closes concurrently under a bound, so one pass posts all thousand well within one scheduler
interval: on the first day, and on the second, when a thousand closings fall due over the same minute. Time here is
simcord's virtual clock: the figures are the bot's own pacing, not this machine's speed.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import simcord
from simcord.http.client import FakeHTTPClient

from bot.app.library import StudyApps
from bot.config import DiscordSettings
from bot.discord.client import StudyBotBase, create_bot
from bot.store.records import GuildSettings
from bot.store.store import Store

pytestmark = pytest.mark.usefixtures("nothing_logged_as_an_error")

GUILDS = 1000
LATENCY = 0.15  # seconds per Discord call
INTERVAL = 30.0  # the default scheduler interval
DUE = datetime(2026, 1, 1, 0, 1, tzinfo=UTC)  # everyone's post time: 00:01 UTC
SETTINGS = DiscordSettings(scheduler_interval_seconds=INTERVAL)


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    done: datetime


@pytest.fixture
def slow_discord(simcord_env: simcord.Env, monkeypatch: pytest.MonkeyPatch) -> list[Call]:
    """Every message sent or edited takes LATENCY of simulated time (the calls the scheduler makes; logging in is
    left instant, since a restart cannot advance simulated time); returns each such call made."""
    calls: list[Call] = []
    real = FakeHTTPClient.request

    async def request(self: FakeHTTPClient, route: Any, *args: Any, **kwargs: Any) -> Any:
        if "/messages" not in route.path:
            return await real(self, route, *args, **kwargs)
        await asyncio.sleep(LATENCY)
        try:
            return await real(self, route, *args, **kwargs)
        finally:
            calls.append(Call(route.method, route.path, simcord_env.now()))

    monkeypatch.setattr(FakeHTTPClient, "request", request)
    return calls


def spread(calls: list[Call], method: str, since: datetime) -> list[float]:
    """Seconds after `since` at which each call of this kind (message sends, or edits) completed."""
    suffix = "/messages" if method == "POST" else "/messages/{message_id}"
    return sorted((call.done - since).total_seconds() for call in calls if call.method == method and call.path.endswith(suffix)
                  and call.done >= since)


async def quiet_hours(env: simcord.Env, until: datetime, bot: StudyBotBase) -> None:
    """Nothing is due until `until`: the bot's loops are off for the hours between (thousands of empty passes cost
    real time to simulate), and a restarted bot picks up at `until`, on the same beat of INTERVAL as before."""
    for name in list(env.bot.cogs):  # type: ignore[attr-defined]
        await env.bot.remove_cog(name)  # type: ignore[attr-defined]
    await env.advance_time((until - env.now()).total_seconds())
    await env.restart_bot(bot)


@pytest.mark.simcord(settle_timeout=120)
async def test_a_thousand_guilds_due_at_one_minute_are_served_within_one_interval(
    simcord_env: simcord.Env, store: Store, slow_discord: list[Call], study_app: StudyApps, settings: DiscordSettings
) -> None:
    env = simcord_env
    for number in range(GUILDS):
        guild = env.create_guild(f"Group {number}")
        channel = guild.create_text_channel("daily")
        await store.posts.save_settings(GuildSettings(guild.id, channel.id, "00:01", "UTC", None, 24, False))

    await env.advance_time((DUE - env.now()).total_seconds() + INTERVAL)
    posts = spread(slow_discord, "POST", DUE)
    assert len(posts) == GUILDS
    print(f"\nday 1: {GUILDS} guilds, {LATENCY * 1000:.0f} ms a call: last post {posts[-1]:.1f} s after the tick")
    assert posts[-1] <= INTERVAL

    # Day two: yesterday's posts close over the same minute as today's are due (each is open 24 hours from when it
    # was posted, so their closings spread over the seconds the first day's posting took).
    second = DUE + timedelta(days=1)
    await quiet_hours(env, second - timedelta(seconds=INTERVAL), create_bot(study_app, store, settings))
    await env.advance_time((second - env.now()).total_seconds() + 2 * INTERVAL)
    posts, edits = spread(slow_discord, "POST", second), spread(slow_discord, "PATCH", second)
    assert len(posts) == GUILDS and len(edits) == GUILDS
    print(f"day 2: last post {posts[-1]:.1f} s after the tick; last closing {edits[-1]:.1f} s after it, by the next pass")
    assert posts[-1] <= INTERVAL  # the closings due at the same minute hold up no post
    assert edits[-1] <= 2 * INTERVAL  # and every closing is shown by the next pass
