"""Every repository behaves alike on both databases: schedules and posts, practice sessions, mock exams, reports,
command syncs (the answer and standings rules have their own modules)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.store.exams import CardUpdate, ExamExists, PaperItem
from bot.store.records import PauseReason
from bot.store.sessions import Review
from bot.store.store import Store
from tests.store.conftest import GUILD, START, answer, make_post

HUGE_ID = 1_234_567_890_123_456_789  # a Discord snowflake: needs 64 bits


async def test_schedules_pauses_refusals_and_unsent_posts(store: Store) -> None:
    post = await make_post(store, 0)
    assert [settings.guild_id for settings, _ in await store.posts.running_schedules()] == [GUILD]
    assert await store.posts.unsent(START) == [post]
    first = await store.posts.note_refusal(GUILD, START)
    assert await store.posts.note_refusal(GUILD, START + timedelta(hours=1)) == first == START
    await store.posts.set_pause(GUILD, True, PauseReason.REFUSED, START)
    paused = await store.posts.settings(GUILD)
    assert paused is not None and paused.paused_by_bot and paused.refused_since == START
    assert await store.posts.running_schedules() == [] and await store.posts.unsent(START) == []
    await store.posts.set_pause(GUILD, False)
    resumed = await store.posts.settings(GUILD)
    assert resumed is not None and not resumed.paused and resumed.refused_since is None
    await store.posts.set_message(post.post_id, HUGE_ID)
    assert (await store.posts.get(post.post_id)).message_id == HUGE_ID  # type: ignore[union-attr]
    assert await store.posts.close_in_channel(10) == 1 and not await store.posts.mark_revealed(post.post_id)
    assert await store.posts.number(post) == 1 and await store.posts.history(GUILD) == [("q-0", "modeling", post.local_date)]


async def test_a_practice_session_advances_once_per_question(store: Store) -> None:
    session = await store.sessions.start(HUGE_ID, "ana", ["q1", "q2"], START, questions=['{"stem": "1"}', '{"stem": "2"}'], exam="mla-c01")
    review = Review("q1", "modeling", False, 12.5, START, START + timedelta(days=1), "learning")
    assert await store.sessions.record_answer(session, review)
    assert not await store.sessions.record_answer(session, review), "a second click on the same question changes nothing"
    again = await store.sessions.get(session.session_id)
    assert again is not None and (again.position, again.missed) == (1, ["q1"])
    assert (again.questions, again.exam) == (session.questions, "mla-c01")
    assert [card.question_id for card in await store.learners.cards(HUGE_ID)] == ["q1"]
    assert await store.learners.question_tallies(HUGE_ID) == [("q1", "modeling", 1, 0)]


async def test_one_open_exam_per_learner_and_one_ending(store: Store) -> None:
    paper = [PaperItem(f"q{number}", "modeling", "{}") for number in range(3)]
    exam_id = await store.exams.start(7, "ana", "mls-c01", paper, START, START + timedelta(hours=3))
    with pytest.raises(ExamExists):
        await store.exams.start(7, "ana", "mls-c01", paper, START, START + timedelta(hours=3))
    assert await store.exams.answer(exam_id, 0, "A", True) and await store.exams.answer(exam_id, 1, "B", False)
    await store.exams.flag(exam_id, 2, True)
    assert await store.exams.finish(exam_id, "submitted", START + timedelta(hours=1), [CardUpdate("q1", START, "review")])
    assert not await store.exams.finish(exam_id, "expired", START + timedelta(hours=4))
    [done] = await store.exams.history(7)
    assert (done.state, done.correct) == ("submitted", 1)
    assert [item.flagged for item in await store.exams.items(exam_id)] == [False, False, True]
    assert await store.exams.last_paper(7) == ["q0", "q1", "q2"]
    assert await store.exams.start(7, "ana", "mls-c01", paper, START, START + timedelta(hours=3)) > exam_id


async def test_reports_are_found_by_text_and_resolved_once(store: Store) -> None:
    post = await make_post(store, 0)
    await store.record_answer(answer(post, 8, True))
    report = await store.learners.add_report(GUILD, 8, "ben here", "q-100%_x", "Option B is wrong", START)
    await store.learners.add_report(None, 8, "ben", "q-2", "typo", START)
    assert await store.learners.has_open_report(GUILD, 8, "q-100%_x") and await store.learners.has_open_report(None, 8, "q-2")
    assert [item.report_id for item in await store.learners.open_reports(GUILD, containing="100%_")] == [report]
    assert await store.learners.open_reports(GUILD, containing="100%x") == [], "% and _ are taken literally"
    assert [item.display_name for item in await store.learners.open_reports(GUILD, containing="OPTION b")] == ["ben here"]
    assert await store.learners.reports_since(8, START - timedelta(seconds=1)) == 2
    assert await store.learners.resolve_report(GUILD, report) == "q-100%_x"
    assert await store.learners.resolve_report(GUILD, report) is None
    assert await store.learners.resolve_report(None, report) is None


async def test_command_syncs_remember_the_last_hash_per_scope(store: Store) -> None:
    assert await store.command_syncs.synced_hash("app:global") is None
    await store.command_syncs.record("app:global", "abc", START)
    await store.command_syncs.record("app:global", "def", START)
    assert await store.command_syncs.synced_hash("app:global") == "def"
