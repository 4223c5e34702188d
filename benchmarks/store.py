"""Store benchmark: answer throughput under 200 concurrent writers, and leaderboard reads at community scale.

Baselines in the same run: plain sqlite3 (WAL, one transaction per row) and a naive aiosqlite loop that
commits once per answer. Reads run against a generated guild of 100,000 users and 5,000,000 answers.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import aiosqlite

from bot.store.answers import AnswerRequest
from bot.store.migrations import MIGRATIONS
from bot.store.periods import Period, period_key
from bot.store.records import GuildSettings
from bot.store.store import Store
from bot.store.timestamps import to_text

DOMAINS = ("data-engineering", "exploratory-data-analysis", "modeling", "ml-implementation-operations")
START = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)


async def _posts(store: Store, guild: int, days: int) -> list[int]:
    await store.posts.save_settings(GuildSettings(guild, 1, "09:00", "UTC", None, 24, False))
    ids = []
    for day in range(days):
        posted = START + timedelta(days=day)
        post = await store.posts.create(guild, posted.date(), f"q{day}", DOMAINS[day % 4], 1, posted, posted + timedelta(days=365))
        assert post is not None
        ids.append(post.post_id)
    return ids


async def throughput_ours(folder: Path, writers: int, per_writer: int) -> float:
    store = await Store.open(folder / "ours.sqlite3")
    posts = await _posts(store, 1, per_writer)

    async def writer(number: int) -> None:
        for index, post_id in enumerate(posts):
            moment = START + timedelta(days=index, minutes=1)
            await store.record_answer(AnswerRequest(post_id, number + 1, f"user{number}", "A", number % 2 == 0, moment))

    began = time.perf_counter()
    await asyncio.gather(*(writer(number) for number in range(writers)))
    elapsed = time.perf_counter() - began
    await store.close()
    return writers * per_writer / elapsed


async def throughput_naive(folder: Path, answers: int) -> float:
    path = folder / "naive.sqlite3"
    with sqlite3.connect(path) as setup:
        setup.execute("PRAGMA journal_mode = WAL")
        setup.execute("CREATE TABLE answers (post_id INTEGER, user_id INTEGER, choice TEXT, PRIMARY KEY (post_id, user_id))")
    async with aiosqlite.connect(path) as conn:
        await conn.execute("PRAGMA synchronous = NORMAL")
        began = time.perf_counter()
        for number in range(answers):
            await conn.execute("INSERT INTO answers VALUES (?, ?, 'A')", (1, number))
            await conn.commit()
        return answers / (time.perf_counter() - began)


def throughput_sqlite3(folder: Path, answers: int) -> float:
    conn = sqlite3.connect(folder / "plain.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE answers (post_id INTEGER, user_id INTEGER, choice TEXT, PRIMARY KEY (post_id, user_id))")
    began = time.perf_counter()
    for number in range(answers):
        conn.execute("BEGIN")
        conn.execute("INSERT INTO answers VALUES (?, ?, 'A')", (1, number))
        conn.execute("COMMIT")
    rate = answers / (time.perf_counter() - began)
    conn.close()
    return rate


def build_community(path: Path, users: int, days: int, seed: int = 7) -> None:
    """A guild where `users` learners answered each of `days` posts: users * days answers written into the first
    schema, then every later migration derives standings, streaks and board counts from them, as an upgrade would."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    conn.executescript(f"BEGIN; {MIGRATIONS[0].sqlite}; PRAGMA user_version = 1; COMMIT;")
    conn.execute("BEGIN")
    conn.execute("INSERT INTO guilds (guild_id, channel_id) VALUES (1, 1)")
    conn.executemany("INSERT INTO users VALUES (?, ?)", ((user, f"learner{user}") for user in range(1, users + 1)))
    for day in range(days):
        posted = START + timedelta(days=day)
        conn.execute(
            "INSERT INTO daily_posts (post_id, guild_id, local_date, question_id, domain, posted_at, closes_at, revealed) "
            "VALUES (?, 1, ?, ?, ?, ?, ?, 1)",
            (day + 1, posted.date().isoformat(), f"q{day}", DOMAINS[day % 4], to_text(posted), to_text(posted + timedelta(days=1))),
        )
        skill = [rng.random() for _ in range(8)]
        rows = []
        for user in range(1, users + 1):
            correct = rng.random() < 0.3 + 0.6 * skill[user % 8]
            rows.append((day + 1, user, "A" if correct else "B", int(correct), 10 if correct else 0, int(correct), to_text(posted)))
        conn.executemany("INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    for number, step in enumerate(MIGRATIONS[1:], start=2):
        conn.executescript(f"BEGIN; {step.sqlite}; PRAGMA user_version = {number}; COMMIT;")
    conn.execute("ANALYZE")
    conn.close()


async def _timed(call: Callable[[], Awaitable[object]], repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - began) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1]


async def reads(path: Path, users: int, days: int) -> list[tuple[str, float, float]]:
    store = await Store.open(path)
    last = date(2026, 9, 1) + timedelta(days=days - 1)
    week, month = period_key(Period.WEEK, last), period_key(Period.MONTH, last)
    bottom = users  # among the lowest scorers: the worst case for counting who is ahead
    queries: list[tuple[str, Callable[[], Awaitable[object]]]] = [
        ("top 10 all time + own rank", lambda: store.standings.leaderboard(1, "all", caller_id=bottom)),
        ("top 10 this week + own rank", lambda: store.standings.leaderboard(1, week, caller_id=bottom)),
        ("top 10 this month", lambda: store.standings.leaderboard(1, month)),
        ("page 500 all time", lambda: store.standings.leaderboard(1, "all", offset=5000)),
        ("top 10 per domain + own rank", lambda: store.standings.leaderboard(1, "all", "modeling", caller_id=bottom)),
        ("one learner's tallies (stats)", lambda: store.learners.question_tallies(bottom)),
        ("one learner's streaks", lambda: store.learners.streaks(bottom, 1)),
    ]
    results = [(name, *await _timed(query, 50)) for name, query in queries]
    await store.close()
    return results


def plans(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    statements = {
        "leaderboard page": "SELECT s.user_id FROM standings s WHERE s.board_id = 1 ORDER BY s.points DESC, s.user_id LIMIT 10",
        "rank counts": "SELECT points, users FROM board_counts WHERE board_id = 1 ORDER BY points DESC",
        "deep page": "SELECT s.user_id FROM standings s WHERE s.board_id = 1 AND s.points <= 100 "
                     "ORDER BY s.points DESC, s.user_id LIMIT 10 OFFSET 20",
    }
    found = [(name, " | ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))) for name, sql in statements.items()]
    conn.close()
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.store", description=__doc__)
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=50, help="posts answered by every user (answers = users * days)")
    parser.add_argument("--writers", type=int, default=200)
    parser.add_argument("--per-writer", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3, help="throughput rounds; medians are reported")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        rates: dict[str, list[float]] = {"ours": [], "naive": [], "plain": []}
        for round_number in range(args.rounds):  # interleaved rounds, medians: a busy moment hits every system alike
            run = folder / f"round{round_number}"
            run.mkdir()
            rates["ours"].append(asyncio.run(throughput_ours(run, args.writers, args.per_writer)))
            rates["naive"].append(asyncio.run(throughput_naive(run, 5_000)))
            rates["plain"].append(throughput_sqlite3(run, 20_000))
        ours, naive, plain = (statistics.median(rates[name]) for name in ("ours", "naive", "plain"))
        print(f"answers recorded per second, median of {args.rounds} rounds "
              f"({args.writers} concurrent writers, each acknowledged after its commit)")
        print(f"  ours (group commit)        {ours:>10,.0f}/s   {ours / naive:5.1f}x naive, {ours / plain:4.2f}x plain sqlite3")
        print(f"  naive aiosqlite, 1 commit  {naive:>10,.0f}/s")
        print(f"  plain sqlite3, 1 commit    {plain:>10,.0f}/s")
        began = time.perf_counter()
        community = folder / "community.sqlite3"
        build_community(community, args.users, args.days)
        took = time.perf_counter() - began
        print(f"generated {args.users:,} users x {args.days} posts = {args.users * args.days:,} answers in {took:.0f} s")
        print(f"{'query':<32} {'median ms':>10} {'p99 ms':>8}")
        for name, median, p99 in asyncio.run(reads(community, args.users, args.days)):
            print(f"  {name:<30} {median:>10.2f} {p99:>8.2f}")
        for name, plan in plans(community):
            print(f"plan of {name}: {plan}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(__import__("sys").argv[1:]))
