"""Leaderboards: ties share a rank, the caller sees their own rank, periods follow the guild's calendar."""

from __future__ import annotations

from datetime import date

from bot.store.periods import Period, period_key
from bot.store.store import Store
from tests.store.conftest import GUILD, answer, assert_boards_match_standings, make_post


async def test_ties_share_a_rank_and_caller_outside_top_n_is_shown(store: Store) -> None:
    day0, day1 = await make_post(store, 0), await make_post(store, 1)
    for user, results in {1: (True, True), 2: (True, True), 3: (True, False), 4: (False, False), 5: (True, False)}.items():
        for post, right in zip((day0, day1), results, strict=True):
            await store.record_answer(answer(post, user, right))
    board = await store.standings.leaderboard(GUILD, "all", "mls-c01", limit=3, caller_id=4)
    assert [(row.rank, row.user_id, row.points) for row in board.rows] == [(1, 1, 21), (1, 2, 21), (3, 3, 10)]
    assert board.caller is not None and (board.caller.rank, board.caller.points) == (5, 0)
    assert board.total == 5
    second_page = await store.standings.leaderboard(GUILD, "all", "mls-c01", limit=3, offset=3)
    assert [(row.rank, row.user_id) for row in second_page.rows] == [(3, 5), (5, 4)]
    assert board.rows[0].accuracy == 1.0 and board.rows[0].streak == 2
    await assert_boards_match_standings(store)


async def test_week_month_and_domain_boards(store: Store) -> None:
    monday = await make_post(store, 0, "modeling")  # 2026-11-02
    next_monday = await make_post(store, 7, "data-engineering")  # 2026-11-09
    december = await make_post(store, 29, "modeling")  # 2026-12-01
    await store.record_answer(answer(monday, 1, True))
    await store.record_answer(answer(next_monday, 2, True))
    await store.record_answer(answer(december, 3, True))

    async def users(key: str, domain: str = "mls-c01") -> list[int]:
        return [row.user_id for row in (await store.standings.leaderboard(GUILD, key, domain)).rows]

    assert await users(period_key(Period.WEEK, date(2026, 11, 8))) == [1]
    assert await users(period_key(Period.WEEK, date(2026, 11, 9))) == [2]
    assert sorted(await users(period_key(Period.MONTH, date(2026, 11, 30)))) == [1, 2]
    assert await users("all", "data-engineering") == [2]
    assert sorted(await users("all", "modeling")) == [1, 3]


async def test_display_names_are_stored_as_data(store: Store) -> None:
    post = await make_post(store, 0)
    request = answer(post, 9, True)
    hostile = "Robert'); DROP TABLE answers;--"
    await store.record_answer(request.__class__(**{**request.__dict__, "display_name": hostile}))
    board = await store.standings.leaderboard(GUILD, "all", "mls-c01")
    assert board.rows[0].display_name == hostile


async def test_pages_seek_through_ties_in_order(store: Store) -> None:
    posts = [await make_post(store, day) for day in range(3)]
    for user in range(1, 41):
        for day, post in enumerate(posts):
            await store.record_answer(answer(post, user, (user * (day + 3)) % 4 != 0))
    everyone = await store.db.rows(
        "SELECT user_id, points FROM standings JOIN boards USING (board_id) "
        "WHERE guild_id = ? AND period = 'all' AND domain = 'mls-c01' ORDER BY points DESC, user_id",
        [GUILD],
    )
    paged = []
    for page in range(7):
        board = await store.standings.leaderboard(GUILD, "all", "mls-c01", limit=7, offset=page * 7)
        paged += [(row.user_id, row.points, row.rank) for row in board.rows]
    assert [(user, points) for user, points, _ in paged] == [tuple(row) for row in everyone]
    for user, points, rank in paged:
        assert rank == 1 + sum(1 for _, other in everyone if other > points), user
