"""Writing one group commit's daily answers: a fixed handful of set-wide statements however many posts and learners
the batch holds, so a batch costs about the same dozen round trips to a PostgreSQL server as to a SQLite file.

Rules: one answer per learner per post (the primary key decides, across processes too); none after the post closed;
streaks run over a guild's posts in order, so a batch's answers are scored post by post.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain
from typing import Any

from bot.store.boards import BoardIds, add_scores
from bot.store.database import Transaction, upsert_users
from bot.store.periods import standing_keys
from bot.store.records import AnswerOutcome
from bot.store.scoring import next_streak, points_for
from bot.store.timestamps import to_text

CLOSED = AnswerOutcome(False, "", False, 0, 0, closed=True)
POST_COLUMNS = ("post_id", "guild_id", "local_date", "domain", "exam", "revealed", "closes_at", "previous")
Key = tuple[int, int]  # post_id, user_id


@dataclass(frozen=True)
class AnswerRequest:
    post_id: int
    user_id: int
    display_name: str
    choice: str
    correct: bool
    answered_at: datetime


def _marks(values: list[int]) -> str:
    return ",".join("?" * len(values))


async def _posts(conn: Transaction, post_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Each post with the id of its guild's post before it (what a streak must have reached)."""
    rows = await conn.rows(
        f"SELECT {', '.join(f'p.{column}' for column in POST_COLUMNS[:-1])}, "
        "(SELECT q.post_id FROM daily_posts q WHERE q.guild_id = p.guild_id AND q.local_date < p.local_date "
        " ORDER BY q.local_date DESC LIMIT 1) AS previous "
        f"FROM daily_posts p WHERE p.post_id IN ({_marks(post_ids)})",
        post_ids,
    )
    return {row[0]: dict(zip(POST_COLUMNS, row, strict=True)) for row in rows}


async def _recorded(conn: Transaction, post_ids: list[int], users: list[int]) -> dict[Key, AnswerOutcome]:
    """The answers already on record among these posts and learners, as a repeat click is told them."""
    rows = await conn.rows(
        f"SELECT post_id, user_id, choice, correct, points, streak FROM answers WHERE post_id IN ({_marks(post_ids)}) "
        f"AND user_id IN ({_marks(users)})",
        [*post_ids, *users],
    )
    return {(row[0], row[1]): AnswerOutcome(False, row[2], bool(row[3]), row[4], row[5]) for row in rows}


async def _streaks(conn: Transaction, guilds: list[int], users: list[int]) -> dict[Key, tuple[int, int | None]]:
    """(guild, user) -> (streak, the post it reached)."""
    rows = await conn.rows(
        f"SELECT guild_id, user_id, streak, last_post_id FROM members WHERE guild_id IN ({_marks(guilds)}) "
        f"AND user_id IN ({_marks(users)})",
        [*guilds, *users],
    )
    return {(row[0], row[1]): (row[2], row[3]) for row in rows}


async def write_batch(conn: Transaction, requests: list[AnswerRequest], boards: BoardIds) -> list[AnswerOutcome]:
    post_ids = sorted({request.post_id for request in requests})
    users = sorted({request.user_id for request in requests})
    posts = await _posts(conn, post_ids)
    existing = await _recorded(conn, post_ids, users)
    guilds = sorted({post["guild_id"] for post in posts.values()})
    streaks = await _streaks(conn, guilds, users) if guilds else {}

    outcomes: list[AnswerOutcome] = [CLOSED] * len(requests)
    fresh: dict[Key, tuple[AnswerRequest, AnswerOutcome]] = {}
    for index in sorted(range(len(requests)), key=[request.post_id for request in requests].__getitem__):  # posts in order
        request = requests[index]
        key = (request.post_id, request.user_id)
        post = posts.get(request.post_id)
        if post is None:
            continue
        if key in existing:
            outcomes[index] = existing[key]
        elif key in fresh:
            recorded = fresh[key][1]
            outcomes[index] = AnswerOutcome(False, recorded.choice, recorded.correct, recorded.points, recorded.streak)
        elif not post["revealed"] and to_text(request.answered_at) < post["closes_at"]:
            member = (post["guild_id"], request.user_id)
            before, reached = streaks.get(member, (0, None))
            streak = next_streak(before if reached == post["previous"] else 0, request.correct)
            outcomes[index] = AnswerOutcome(True, request.choice, request.correct, points_for(request.correct, streak), streak)
            fresh[key] = (request, outcomes[index])
            streaks[member] = (streak, request.post_id)
    if fresh:
        kept = await _insert(conn, posts, list(fresh.values()), boards)
        if lost := set(fresh) - kept:  # another process recorded these answers a moment ago: theirs stand
            earlier = await _recorded(conn, sorted({post for post, _ in lost}), sorted({user for _, user in lost}))
            for index, request in enumerate(requests):
                if (key := (request.post_id, request.user_id)) in lost and key in earlier:
                    outcomes[index] = earlier[key]
    return outcomes


async def _insert(
    conn: Transaction, posts: dict[int, dict[str, Any]], fresh: list[tuple[AnswerRequest, AnswerOutcome]], ids: BoardIds
) -> set[Key]:
    """Record the answers and everything derived from them; returns the (post, user) pairs that were new. The
    primary key decides: an answer another process committed first is skipped, never counted twice."""
    names = sorted({request.user_id: request.display_name for request, _ in fresh}.items())
    await conn.execute(upsert_users(len(names)), list(chain.from_iterable(names)))
    inserted = await conn.rows(
        "INSERT INTO answers (post_id, user_id, choice, correct, points, streak, answered_at) VALUES "
        + ",".join(["(?, ?, ?, ?, ?, ?, ?)"] * len(fresh))
        + " ON CONFLICT (post_id, user_id) DO NOTHING RETURNING post_id, user_id",
        list(chain.from_iterable(
            (request.post_id, request.user_id, out.choice, int(out.correct), out.points, out.streak, to_text(request.answered_at))
            for request, out in fresh
        )),
    )
    kept = {(row[0], row[1]) for row in inserted}
    fresh = [(request, out) for request, out in fresh if (request.post_id, request.user_id) in kept]
    if not fresh:
        return kept
    boards = {
        post_id: [(post["guild_id"], *key) for key in standing_keys(date.fromisoformat(post["local_date"]), post["domain"], post["exam"])]
        for post_id, post in posts.items()
    }
    scores = [(board, request.user_id, out.points, out.correct) for request, out in fresh for board in boards[request.post_id]]
    await add_scores(conn, scores, ids)
    members: dict[Key, tuple[int, int, int, str]] = {}  # (guild, user) -> streak, best in this batch, post, name
    for request, out in fresh:  # in post order: a later post of the same guild carries the streak on
        member = (posts[request.post_id]["guild_id"], request.user_id)
        best = max(out.streak, members[member][1]) if member in members else out.streak
        members[member] = (out.streak, best, request.post_id, request.display_name)
    rows = sorted((*member, *state) for member, state in members.items())
    await conn.execute(
        "INSERT INTO members (guild_id, user_id, streak, best_streak, last_post_id, display_name) VALUES "
        + ",".join(["(?, ?, ?, ?, ?, ?)"] * len(rows))
        + " ON CONFLICT (guild_id, user_id) DO UPDATE SET "
        "best_streak = CASE WHEN excluded.best_streak > members.best_streak THEN excluded.best_streak ELSE members.best_streak END, "
        "streak = CASE WHEN excluded.last_post_id > coalesce(members.last_post_id, 0) THEN excluded.streak ELSE members.streak END, "
        "last_post_id = CASE WHEN excluded.last_post_id > coalesce(members.last_post_id, 0) THEN excluded.last_post_id "
        "ELSE members.last_post_id END, display_name = excluded.display_name",
        list(chain.from_iterable(rows)),
    )
    return kept
