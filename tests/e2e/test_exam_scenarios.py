"""Layer 1: the mock exam in simcord, in the learners' DMs, on simulated time: start, answer, flag, move around, a
restart mid-exam, the clock running out, the result and the review; other learners' exams untouched; strangers
refused; closed DMs explained."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import discord
import pytest
import simcord

from bot.app.learning import Learning
from bot.config import DiscordSettings
from bot.discord.exts.exam import NO_DMS
from bot.knowledge.questions import OPTION_LETTERS, Question
from tests.e2e.world import BaseWorld

MINUTE = 60.0
# The sweep runs every ten simulated minutes: often enough for the scenarios, few enough passes to simulate quickly.
pytestmark = pytest.mark.parametrize("settings", [DiscordSettings(scheduler_interval_seconds=10 * MINUTE)], indirect=True)


@dataclass
class World(BaseWorld):
    alice: simcord.MemberActor
    bob: simcord.MemberActor
    alice_user: simcord.UserHandle
    bob_user: simcord.UserHandle


@pytest.fixture
def world(simcord_env: simcord.Env) -> World:
    guild = simcord_env.create_guild("Study Group")
    alice_user, bob_user = simcord_env.create_user("alice"), simcord_env.create_user("bob")
    return World(simcord_env, guild, guild.create_text_channel("general"), guild.add_member(alice_user), guild.add_member(bob_user),
                 alice_user, bob_user)



def exam_message(user: simcord.UserHandle) -> discord.Message:
    message = user.dm_channel.last_message
    assert message is not None
    return message


def shown(learning: Learning, message: discord.Message) -> Question:
    match = re.search(r"question (\S+)$", message.embeds[0].footer.text or "")
    assert match, message.embeds[0].footer.text
    question = learning.courses.get().bank.get(match.group(1))
    assert question is not None
    return question


def letters(question: Question, right: bool) -> list[str]:
    wrong = [letter for index, letter in enumerate(OPTION_LETTERS[: len(question.options)]) if index not in question.answer]
    return [OPTION_LETTERS[index] for index in question.answer] if right else wrong[: len(question.answer)]


async def answer(user: simcord.UserHandle, message: discord.Message, question: Question, right: bool) -> simcord.InteractionResult:
    chosen = letters(question, right)
    if question.multiple:
        return await user.select(message, chosen)
    return await user.click(message, label=chosen[0])


def title(message: discord.Message) -> str:
    return message.embeds[0].title or ""


async def start(world: World, actor: simcord.MemberActor) -> simcord.InteractionResult:
    started = await actor.slash(world.channel, "exam start")
    assert started.ephemeral and started.response
    return started


async def test_a_full_exam_in_the_dms_survives_a_restart_and_the_clock(world: World, restart: Callable[[], Awaitable[None]]) -> None:
    started = await start(world, world.alice)
    assert "Your MLS-C01 exam is in your DMs" in (started.response.content or "")
    message = exam_message(world.alice_user)
    assert title(message).startswith("MLS-C01 mock exam · question 1/65")
    assert "<t:" in (message.embeds[0].description or "")  # the clock, counted down by every client

    first = shown(world.learning, message)
    await answer(world.alice_user, message, first, right=True)
    message = exam_message(world.alice_user)
    assert "Your answer:" in (message.embeds[0].description or "")
    await world.alice_user.click(message, label="🚩 Flag")
    assert "🚩 flagged" in title(exam_message(world.alice_user))
    await world.alice_user.click(exam_message(world.alice_user), label="Next ▶")
    second = shown(world.learning, exam_message(world.alice_user))
    assert title(exam_message(world.alice_user)).startswith("MLS-C01 mock exam · question 2/65")
    await answer(world.alice_user, exam_message(world.alice_user), second, right=False)

    await restart()  # nothing in memory: the next click finds the exam in the store
    await world.alice_user.click(exam_message(world.alice_user), label="◀ Previous")
    assert title(exam_message(world.alice_user)).startswith("MLS-C01 mock exam · question 1/65")

    await world.alice_user.click(exam_message(world.alice_user), label="Review")
    review = exam_message(world.alice_user)
    assert title(review) == "Review · 2/65 answered"
    fields = {field.name: field.value for field in review.embeds[0].fields}
    assert fields["Flagged (1)"] == "1" and fields["Unanswered (63)"].startswith("3, 4, 5")
    await world.alice_user.select(review, ["1"])
    assert title(exam_message(world.alice_user)).startswith("MLS-C01 mock exam · question 1/65")

    await world.alice_user.click(exam_message(world.alice_user), label="Submit")
    assert title(exam_message(world.alice_user)) == "Submit the exam?"
    await world.alice_user.click(exam_message(world.alice_user), label="Back to the review")
    assert title(exam_message(world.alice_user)).startswith("Review")

    await world.env.advance_time(181 * MINUTE)  # the sweep submits it as it stands
    result = exam_message(world.alice_user)
    assert title(result) == "MLS-C01 mock exam result"
    assert (result.embeds[0].description or "").startswith("Time ran out")
    assert "**1/65** right" in (result.embeds[0].description or "")
    assert {field.name for field in result.embeds[0].fields} >= {"By domain", "Missed (64)"}

    await world.alice_user.click(result, label="Review the questions ▶")
    page = exam_message(world.alice_user)
    assert title(page).startswith("Question 2/65 · ❌")  # the first one missed
    assert {field.name for field in page.embeds[0].fields} == {"Why", "The wrong options"}
    history = await world.alice.slash(world.channel, "exam history")
    assert history.ephemeral and history.response and "**1/65**" in (history.response.embeds[0].description or "")


async def test_another_learners_exam_is_untouched_and_a_strangers_click_is_refused(world: World) -> None:
    await start(world, world.alice)
    await world.env.advance_time(100 * MINUTE)
    await start(world, world.bob)
    bobs = exam_message(world.bob_user)
    # The bot posts alice's controls where bob can click them: the only way for him to reach her exam's custom_ids.
    channel = world.bot.get_channel(world.channel.id)
    assert isinstance(channel, discord.TextChannel)
    public = await channel.send("copy", view=discord.ui.View.from_message(exam_message(world.alice_user), timeout=None))
    refused = await world.bob.click(public, label="Next ▶")
    [told] = refused.followups  # the click is acknowledged first, then refused privately
    assert refused.deferred and told.ephemeral and told.content.startswith("That exam is not yours")
    assert title(exam_message(world.alice_user)).startswith("MLS-C01 mock exam · question 1/65")

    await world.env.advance_time(81 * MINUTE)  # alice's time is up, bob's is not
    assert title(exam_message(world.alice_user)) == "MLS-C01 mock exam result"
    assert exam_message(world.bob_user).embeds[0].title == bobs.embeds[0].title
    assert await world.learning.store.exams.open_for(world.bob.id) is not None


async def test_one_exam_at_a_time_and_abandon(world: World) -> None:
    await start(world, world.alice)
    again = await start(world, world.alice)
    assert "already have an exam under way" in (again.response.content or "")
    abandoned = await world.alice.slash(world.channel, "exam abandon")
    assert abandoned.ephemeral and "abandoned" in (abandoned.response.content or "")
    assert (exam_message(world.alice_user).embeds[0].description or "") == "This exam was abandoned."
    assert not exam_message(world.alice_user).components
    nothing = await world.alice.slash(world.channel, "exam abandon")
    assert (nothing.response.content or "") == "You have no exam under way."


async def test_closed_dms_are_explained_and_start_no_exam(world: World) -> None:
    world.env.inject_error("POST", "/channels/*/messages", status=403, code=50007, message="Cannot send messages to this user")
    refused = await start(world, world.alice)
    assert refused.response.content == NO_DMS
    assert await world.learning.store.exams.open_for(world.alice.id) is None
