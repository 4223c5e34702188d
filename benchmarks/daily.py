"""Daily scheduler benchmark: seconds per scheduler pass when many guilds are due at the same minute.

Each Discord call (a post, a closing edit) is simulated by a wait of `--latency`; the store is a real SQLite file.
The same pass is run with the bound the bot uses (DailyScheduler's CONCURRENCY calls at once) and, as the baseline in
the same run, one call at a time (the scheduler before it was concurrent). Day one posts every guild; on day two each
guild's post closes over the same minute as its next one is due, so a pass both closes and posts.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app.learning import Learning
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_deck
from bot.quiz.bank import QuestionBank
from bot.quiz.courses import Course, Courses
from bot.quiz.daily import Posting, Reveal
from bot.quiz.daily_scheduler import CONCURRENCY, DailyScheduler, Delivery, Sent
from bot.store.records import GuildSettings
from bot.store.store import Store

DECK = Path(__file__).resolve().parents[1] / "knowledge" / "mls-c01"
DUE = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current


class SlowDiscord:
    """Every call takes `latency` seconds, as a Discord request does; each post gets the next message id."""

    def __init__(self, latency: float) -> None:
        self.latency = latency
        self.calls = 0

    async def send(self, posting: Posting) -> Delivery:
        await asyncio.sleep(self.latency)
        self.calls += 1
        return Sent(10**12 + posting.post.post_id)

    async def show_closing(self, reveal: Reveal) -> Delivery:
        await asyncio.sleep(self.latency)
        self.calls += 1
        return Sent(10**12 + reveal.post.post_id)


async def passes(folder: Path, kb: KnowledgeBase, bank: QuestionBank, guilds: int, latency: float, concurrency: int) -> list[float]:
    """Seconds for the pass of day one (posts) and of day two (closings and posts)."""
    store = await Store.open(folder / f"daily-{concurrency}.sqlite3")
    try:
        for guild in range(1, guilds + 1):
            await store.posts.save_settings(GuildSettings(guild, guild, "09:00", "UTC", None, 24, False))
        clock = Clock(DUE)
        discord = SlowDiscord(latency)
        scheduler = DailyScheduler(Learning(Courses.of(Course(kb, bank)), store, clock).daily, discord, concurrency=concurrency)
        timings = []
        for day in range(2):
            clock.current = DUE + timedelta(days=day, seconds=60)  # a minute after the posts: yesterday's are all due to close
            began = time.perf_counter()
            await scheduler.tick()
            timings.append(time.perf_counter() - began)
        assert discord.calls == 3 * guilds, f"{discord.calls} calls: every guild must be posted, closed and posted again"
        return timings
    finally:
        await store.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.daily", description=__doc__)
    parser.add_argument("--guilds", type=int, default=300, help="guilds due at the same minute (default 300)")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per Discord call (default 0.05)")
    args = parser.parse_args(argv)
    kb = load_deck(DECK)
    bank = QuestionBank.build(kb)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        ours = asyncio.run(passes(folder, kb, bank, args.guilds, args.latency, CONCURRENCY))
        serial = asyncio.run(passes(folder, kb, bank, args.guilds, args.latency, 1))
    print(f"daily scheduler: {args.guilds} guilds due at one minute, {args.latency * 1000:.0f} ms per Discord call, real SQLite")
    print(f"{'':<30} {'day 1: posts':>13} {'day 2: closings + posts':>24}")
    print(f"  ours ({CONCURRENCY} calls at once)     {ours[0]:>11.2f} s {ours[1]:>22.2f} s"
          f"   {serial[0] / ours[0]:4.1f}x / {serial[1] / ours[1]:4.1f}x faster than serial")
    print(f"  serial (one call at a time)  {serial[0]:>11.2f} s {serial[1]:>22.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
