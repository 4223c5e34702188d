"""Layer 1: a bot serving both exams, driven in simcord: a server picks its exam with /daily setup (and is warned about
a retired one), learners pick theirs per command with autocomplete, and what only the other deck knows is still found."""

from __future__ import annotations

import discord
import pytest
import simcord

from bot.app.deck import Deck
from bot.app.learning import Learning
from bot.app.library import StudyApps
from bot.app.study import StudyApp
from bot.knowledge.base import KnowledgeBase
from bot.quiz.bank import QuestionBank
from bot.quiz.courses import Course, Courses, UnknownExam
from bot.store.store import Store
from tests.e2e.conftest import SimClock
from tests.e2e.daily_world import World

PIPELINE = "orchestrate release stages for code changes with a pipeline"


@pytest.fixture
def study_app(knowledge_app: StudyApp, deck: KnowledgeBase, bank: QuestionBank, shipped_mla: Deck, store: Store) -> StudyApps:
    """Both shipped exams over one database, MLS-C01 the default, as `studybot run` serves the packaged decks."""
    learning = Learning(Courses.of(Course(deck, bank), Course(shipped_mla.kb, shipped_mla.bank)), store, SimClock())
    return StudyApps.of(StudyApp(deck, learning, knowledge_app.asker), StudyApp(shipped_mla.kb, learning, shipped_mla.asker()))


def fields(embed: discord.Embed) -> dict[str, str]:
    return {field.name or "": field.value or "" for field in embed.fields}


def only_embed(result: simcord.InteractionResult) -> discord.Embed:
    assert result.response is not None
    [embed] = result.response.embeds
    return embed


async def test_a_server_switches_to_mla_and_is_warned_when_it_picks_the_retired_exam(world: World) -> None:
    current = only_embed(await world.set_up(exam="MLA-C01"))
    assert fields(current)["Exam"].startswith("MLA-C01") and "⚠️ A retired exam" not in fields(current)
    retired = only_embed(await world.set_up(exam="mls"))
    assert "2026-03-31" in fields(retired)["⚠️ A retired exam"] and "MLA-C01" in fields(retired)["⚠️ A retired exam"]
    kept = only_embed(await world.set_up())  # setting up again without an exam keeps the server's
    assert fields(kept)["Exam"].startswith("MLS-C01")


async def test_exam_autocomplete_offers_the_current_exam_first(world: World) -> None:
    offered = await world.alice.autocomplete(world.channel, "practice", "exam", "")
    assert [choice["value"] for choice in offered] == ["mla-c01", "mls-c01"]
    assert offered[1]["name"] == "MLS-C01 (retired 2026-03-31)"
    assert [choice["value"] for choice in await world.alice.autocomplete(world.channel, "leaderboard", "exam", "mla")] == ["mla-c01"]


async def test_practice_and_the_leaderboard_follow_the_chosen_exam(world: World) -> None:
    started = await world.alice.slash(world.channel, "practice", exam="mla-c01", domain="prep", count=2)
    assert started.ephemeral and started.response
    assert started.response.embeds[0].title == "Practice 1/2 · Data preparation for ML"
    refused = await world.alice.slash(world.channel, "practice", domain="eda", exam="MLA")
    assert "There is no domain 'eda' in MLA-C01" in (refused.response.content or "")  # type: ignore[union-attr]
    unknown = await world.alice.slash(world.channel, "practice", exam="saa-c03")
    assert refused.ephemeral and unknown.ephemeral
    assert "There is no exam 'saa-c03'. Choose one of: MLS-C01, MLA-C01." in (unknown.response.content or "")  # type: ignore[union-attr]
    assert [type(error.original) for error in world.env.errors] == [UnknownExam]  # type: ignore[attr-defined]
    board = only_embed(await world.alice.slash(world.channel, "leaderboard", exam="mla-c01"))
    assert (board.title or "").startswith("MLA-C01 leaderboard")
    await world.set_up(exam="mla-c01")
    assert (only_embed(await world.alice.slash(world.channel, "leaderboard")).title or "").startswith("MLA-C01 leaderboard")


async def test_ask_finds_what_only_the_other_exams_deck_holds_and_says_so(world: World) -> None:
    found = only_embed(await world.alice.slash(world.channel, "ask", query=PIPELINE))
    assert found.title == "AWS CodePipeline"
    assert "in the MLA-C01 deck, not in the MLS-C01 (retired 2026-03-31) deck" in (found.description or "")
    await world.set_up(exam="mla-c01")
    await world.env.advance_time(30)  # one question at a time
    same = only_embed(await world.alice.slash(world.channel, "ask", query=PIPELINE))
    assert same.title == "AWS CodePipeline" and "deck, not in" not in (same.description or "")
