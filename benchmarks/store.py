"""Store benchmark, SQLite and PostgreSQL side by side: answer throughput under 200 concurrent writers, and
leaderboard reads at community scale.

Baselines in the same run: plain sqlite3 (WAL, one transaction per row), and for each database a naive loop that
commits once per answer. Reads run against a generated guild of 100,000 users and 5,000,000 answers: built in
SQLite, then copied into PostgreSQL with `db migrate-to` (COPY), so both answer the same questions over the same
rows. PostgreSQL is a throw-away cluster on loopback with fsync on (or --postgres URL of an empty database).
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
import asyncpg

from bot.store.answers import AnswerRequest
from bot.store.migrations import MIGRATIONS
from bot.store.periods import Period, period_key
from bot.store.records import GuildSettings
from bot.store.store import Store
from bot.store.timestamps import to_text
from bot.store.transfer import migrate_to
from tests.pgcluster import Cluster, ClusterUnavailable, start_cluster

EXAM = "mls-c01"  # the board for all domains is named by the exam
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


async def throughput_ours(target: Path | str, writers: int, per_writer: int) -> float:
    store = await Store.open(target)
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


async def throughput_naive_postgres(url: str, answers: int) -> float:
    conn = await asyncpg.connect(url)
    try:
        await conn.execute("CREATE TABLE naive (post_id BIGINT, user_id BIGINT, choice TEXT, PRIMARY KEY (post_id, user_id))")
        began = time.perf_counter()
        for number in range(answers):
            async with conn.transaction():
                await conn.execute("INSERT INTO naive VALUES ($1, $2, 'A')", 1, number)
        return answers / (time.perf_counter() - began)
    finally:
        await conn.close()


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


async def reads(target: Path | str, users: int, days: int) -> list[tuple[str, float, float]]:
    store = await Store.open(target)
    last = date(2026, 9, 1) + timedelta(days=days - 1)
    week, month = period_key(Period.WEEK, last), period_key(Period.MONTH, last)
    bottom = users  # among the lowest scorers: the worst case for counting who is ahead
    queries: list[tuple[str, Callable[[], Awaitable[object]]]] = [
        ("top 10 all time + own rank", lambda: store.standings.leaderboard(1, "all", EXAM, caller_id=bottom)),
        ("top 10 this week + own rank", lambda: store.standings.leaderboard(1, week, EXAM, caller_id=bottom)),
        ("top 10 this month", lambda: store.standings.leaderboard(1, month, EXAM)),
        ("page 500 all time", lambda: store.standings.leaderboard(1, "all", EXAM, offset=5000)),
        ("top 10 per domain + own rank", lambda: store.standings.leaderboard(1, "all", "modeling", caller_id=bottom)),
        ("one learner's tallies (stats)", lambda: store.learners.question_tallies(bottom)),
        ("one learner's streaks", lambda: store.learners.streaks(bottom, 1)),
    ]
    results = [(name, *await _timed(query, 50)) for name, query in queries]
    await store.close()
    return results


PLANNED = {
    "leaderboard page": "SELECT s.user_id FROM standings s WHERE s.board_id = 1 ORDER BY s.points DESC, s.user_id LIMIT 10",
    "rank counts": "SELECT points, users FROM board_counts WHERE board_id = 1 ORDER BY points DESC",
    "deep page": "SELECT s.user_id FROM standings s WHERE s.board_id = 1 AND s.points <= 100 "
                 "ORDER BY s.points DESC, s.user_id LIMIT 10 OFFSET 20",
}


def plans(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    found = [(name, " | ".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))) for name, sql in PLANNED.items()]
    conn.close()
    return found


async def postgres_plans(url: str) -> list[tuple[str, str]]:
    conn = await asyncpg.connect(url)
    try:
        return [(name, " | ".join(" ".join(row[0].split()) for row in await conn.fetch(f"EXPLAIN {sql}"))) for name, sql in PLANNED.items()]
    finally:
        await conn.close()


async def new_database(cluster: Cluster | None, given: str | None, name: str) -> str:
    """An empty PostgreSQL database: `name` in the throw-away cluster, or the --postgres one (which must be empty)."""
    if cluster is None:
        assert given is not None
        return given
    return await cluster.create_database(name)


def rate(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}/s"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.store", description=__doc__)
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--days", type=int, default=50, help="posts answered by every user (answers = users * days)")
    parser.add_argument("--writers", type=int, default=200)
    parser.add_argument("--per-writer", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3, help="throughput rounds; medians are reported")
    parser.add_argument("--postgres", metavar="URL", help="an empty PostgreSQL database to use instead of a throw-away cluster")
    args = parser.parse_args(argv)
    cluster: Cluster | None = None
    if args.postgres is None:
        try:
            cluster = start_cluster(durable=True)
        except ClusterUnavailable as error:
            print(f"PostgreSQL left out: {error}")
    postgres = cluster is not None or args.postgres is not None
    try:
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp)
            rates: dict[str, list[float]] = {"ours": [], "naive": [], "plain": [], "pg ours": [], "pg naive": []}
            for round_number in range(args.rounds):  # interleaved rounds, medians: a busy moment hits every system alike
                run = folder / f"round{round_number}"
                run.mkdir()
                rates["ours"].append(asyncio.run(throughput_ours(run / "ours.sqlite3", args.writers, args.per_writer)))
                rates["naive"].append(asyncio.run(throughput_naive(run, 5_000)))
                rates["plain"].append(throughput_sqlite3(run, 20_000))
                if postgres and (round_number == 0 or cluster is not None):  # a --postgres database is used once
                    url = asyncio.run(new_database(cluster, args.postgres, f"throughput{round_number}"))
                    rates["pg ours"].append(asyncio.run(throughput_ours(url, args.writers, args.per_writer)))
                    rates["pg naive"].append(asyncio.run(throughput_naive_postgres(url, 2_000)))
            median = {name: statistics.median(values) if values else None for name, values in rates.items()}
            print(f"answers recorded per second, median of {args.rounds} rounds "
                  f"({args.writers} concurrent writers, each acknowledged after its commit)")
            print(f"  {'':<30} {'SQLite':>12} {'PostgreSQL':>12}")
            print(f"  {'ours (group commit)':<30} {rate(median['ours']):>12} {rate(median['pg ours']):>12}")
            print(f"  {'naive loop, 1 commit/answer':<30} {rate(median['naive']):>12} {rate(median['pg naive']):>12}")
            for name, mine, naive in (("SQLite", median["ours"], median["naive"]), ("PostgreSQL", median["pg ours"], median["pg naive"])):
                if mine and naive:
                    print(f"  {name}: group commit is {mine / naive:.1f}x its naive loop")
            print(f"  plain sqlite3, 1 commit      {rate(median['plain']):>12}   (ours is {median['ours'] / median['plain']:.2f}x)")

            began = time.perf_counter()
            community = folder / "community.sqlite3"
            build_community(community, args.users, args.days)
            print(f"generated {args.users:,} users x {args.days} posts = {args.users * args.days:,} answers in SQLite "
                  f"in {time.perf_counter() - began:.0f} s")
            timings = {"SQLite": asyncio.run(reads(community, args.users, args.days))}
            community_url = None
            if postgres and cluster is not None:
                community_url = asyncio.run(new_database(cluster, None, "community"))
                began = time.perf_counter()
                asyncio.run(migrate_to(community, community_url))
                print(f"copied into PostgreSQL (db migrate-to: COPY, verified) in {time.perf_counter() - began:.0f} s")
                timings["PostgreSQL"] = asyncio.run(reads(community_url, args.users, args.days))
            print(f"  {'query (median / p99 ms)':<32}" + "".join(f"{name:>20}" for name in timings))
            for index, (name, _, _) in enumerate(timings["SQLite"]):
                cells = "".join(f"{f'{found[index][1]:.2f} / {found[index][2]:.2f}':>20}" for found in timings.values())
                print(f"  {name:<32}{cells}")
            for name, plan in plans(community):
                print(f"SQLite plan of {name}: {plan}")
            if community_url is not None:
                for name, plan in asyncio.run(postgres_plans(community_url)):
                    print(f"PostgreSQL plan of {name}: {plan}")
    finally:
        if cluster is not None:
            cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(__import__("sys").argv[1:]))
