"""Daily answers: one per user per post, streak points by the rules, bursts recorded exactly once."""

from __future__ import annotations

import asyncio

from bot.store import scoring
from bot.store.store import Store
from tests.store.conftest import GUILD, answer, assert_boards_match_standings, make_post


async def test_right_answer_earns_points_and_a_second_click_is_refused(store: Store) -> None:
    post = await make_post(store, 0)
    first = await store.record_answer(answer(post, 7, True, "B"))
    assert first.recorded and first.points == scoring.POINTS_FOR_RIGHT and first.streak == 1
    again = await store.record_answer(answer(post, 7, False, "C"))
    assert not again.recorded and again.choice == "B" and again.correct
    board = await store.standings.leaderboard(GUILD, "all", "mls-c01")
    assert [(row.user_id, row.points, row.answered) for row in board.rows] == [(7, 10, 1)]


async def test_answer_after_close_is_refused(store: Store) -> None:
    post = await make_post(store, 0)
    late = await store.record_answer(answer(post, 7, True, minutes=24 * 60))
    assert late.closed and not late.recorded
    await store.posts.mark_revealed(post.post_id)
    assert (await store.record_answer(answer(post, 8, True))).closed


async def test_streak_bonus_grows_per_day_and_is_capped(store: Store) -> None:
    points = []
    for day in range(14):
        post = await make_post(store, day)
        points.append((await store.record_answer(answer(post, 7, True))).points)
    assert points[:3] == [10, 11, 12]
    assert points[-1] == scoring.POINTS_FOR_RIGHT + scoring.STREAK_BONUS_CAP
    streaks = await store.learners.streaks(7, GUILD)
    assert streaks.current == 14 and streaks.best == 14
    await assert_boards_match_standings(store)


async def test_wrong_answer_or_missed_day_resets_the_streak(store: Store) -> None:
    day0, day1, day2, day3 = [await make_post(store, day) for day in range(4)]
    await store.record_answer(answer(day0, 7, True))
    await store.record_answer(answer(day1, 7, True))
    assert (await store.record_answer(answer(day2, 7, False))).streak == 0
    await store.record_answer(answer(day3, 7, True))
    streaks = await store.learners.streaks(7, GUILD)
    assert (streaks.current, streaks.best) == (1, 2)
    day4, _ = await make_post(store, 4), await make_post(store, 5)
    assert (await store.learners.streaks(7, GUILD)).current == 0, "skipping day 4 and day 5 opening breaks the streak"
    assert (await store.record_answer(answer(day4, 7, True))).streak == 2, "day 4 still open: the streak goes on from day 3"


async def test_500_simultaneous_answers_are_each_recorded_once(store: Store) -> None:
    post = await make_post(store, 0)
    requests = [answer(post, user, user % 3 == 0, "A" if user % 3 == 0 else "B") for user in range(1, 501)]
    duplicates = [answer(post, user, False, "C") for user in range(1, 501, 10)]
    outcomes = await asyncio.gather(*(store.record_answer(request) for request in [*requests, *duplicates]))
    assert sum(outcome.recorded for outcome in outcomes) == 500
    assert all(not outcome.recorded and outcome.choice in "AB" for outcome in outcomes[500:])
    assert await store.posts.choice_counts(post.post_id) == {"A": 166, "B": 334}
    board = await store.standings.leaderboard(GUILD, "all", "mls-c01", limit=1000)
    assert board.total == 500
    assert sum(row.points for row in board.rows) == 166 * scoring.POINTS_FOR_RIGHT
    await assert_boards_match_standings(store)


async def test_only_one_post_per_guild_per_local_day(store: Store) -> None:
    post = await make_post(store, 0)
    again = await store.posts.create(GUILD, post.local_date, "other", "modeling", 10, post.posted_at, post.closes_at)
    assert again is None
    assert (await store.posts.on_date(GUILD, post.local_date)).question_id == post.question_id


async def test_forget_removes_the_learner_everywhere(store: Store) -> None:
    post = await make_post(store, 0)
    await store.record_answer(answer(post, 7, True))
    await store.record_answer(answer(post, 8, True))
    assert await store.learners.forget(7)
    board = await store.standings.leaderboard(GUILD, "all", "mls-c01")
    assert [row.user_id for row in board.rows] == [8]
    assert await store.learners.question_tallies(7) == []
    await assert_boards_match_standings(store)
