"""Layer 1: learners' reports on questions. A learner cannot flood the admins, nor report one question twice, and
admins resolve what they have dealt with, in their own server only."""

from __future__ import annotations

import pytest
import simcord

from bot.quiz.bank import QuestionBank
from tests.e2e.daily_world import HOUR, HOURLY, World, make_world, reply, text

pytestmark = pytest.mark.usefixtures("nothing_logged_as_an_error")
SETTINGS = HOURLY


async def report(world: World, actor: simcord.MemberActor, question_id: str, reason: str = "B is right too") -> str:
    return text(await actor.slash(world.channel, "report", question=question_id, reason=reason))


async def test_a_learner_cannot_flood_the_admins_or_repeat_a_report(world: World, bank: QuestionBank) -> None:
    questions = [question.id for question in bank.all()[:6]]
    assert (await report(world, world.alice, questions[0])).startswith("Thanks: your report")
    again = await report(world, world.alice, questions[0], "still wrong")
    assert again == f"You already reported '{questions[0]}'; your report is waiting for the admins."
    for question_id in questions[1:5]:
        assert (await report(world, world.alice, question_id)).startswith("Thanks: your report")
    assert (await report(world, world.alice, questions[5])).startswith("You have sent 5 reports in the last hour")
    assert (await report(world, world.bob, questions[5])).startswith("Thanks: your report")  # the limit is per learner
    await world.env.advance_time(HOUR)
    assert (await report(world, world.alice, questions[5])).startswith("Thanks: your report")


async def test_admins_resolve_reports_in_their_own_server(world: World, bank: QuestionBank) -> None:
    first, second = (question.id for question in bank.all()[:2])
    await report(world, world.alice, first, "A is outdated")
    await report(world, world.bob, second, "typo in C")
    listed = reply(await world.ada.slash(world.channel, "daily reports list")).description or ""
    assert f"`#1` `{first}` — A is outdated" in listed and f"`#2` `{second}` — typo in C" in listed

    offered = await world.ada.autocomplete(world.channel, "daily reports resolve", "report", "typo")
    assert offered == [{"name": f"#2 {second}: typo in C", "value": 2}]
    assert text(await world.ada.slash(world.channel, "daily reports resolve", report=1)) == f"Resolved report #1 on `{first}`."
    listed = reply(await world.ada.slash(world.channel, "daily reports list")).description or ""
    assert "#1" not in listed and "#2" in listed
    assert text(await world.ada.slash(world.channel, "daily reports resolve", report=1)) == "There is no open report #1 in this server."

    other = make_world(world.env, "Other Group")
    refused = text(await other.ada.slash(other.channel, "daily reports resolve", report=2))
    assert refused == "There is no open report #2 in this server."
    assert "#2" in (reply(await world.ada.slash(world.channel, "daily reports list")).description or "")
