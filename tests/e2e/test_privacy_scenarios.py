"""Layer 1: what one member can see or do about another, and what hostile input cannot do.

A member's practice and other servers stay private; each server shows the name a member has there; typed text is not
echoed where it could link; forged buttons get a clear answer and change nothing.
"""

from __future__ import annotations

from datetime import timedelta

import discord
import pytest
import simcord

from bot.app.learning import Learning
from bot.config import DiscordSettings
from bot.store.store import Store
from tests.conftest import FakeClock
from tests.e2e.daily_world import HOUR, World, answer, make_world, posted, question_of, reply, right_letters, wrong_letters

pytestmark = pytest.mark.usefixtures("nothing_logged_as_an_error")
SETTINGS = DiscordSettings(ask_cooldown_seconds=0, scheduler_interval_seconds=HOUR)


def bot_messages(channel: simcord.ChannelHandle) -> list[discord.Message]:
    return [message for message in channel.history() if message.author.bot]


# ---------------------------------------------------------------- /stats member:


async def test_another_members_stats_show_only_their_daily_results_in_this_server(world: World, store: Store) -> None:
    other = make_world(world.env, "Other Group")
    past = Learning(world.learning.courses, store, FakeClock(world.env.now() - timedelta(days=1)))
    # bob practises privately, and answers a daily question in another server: none of it is anyone else's business
    step = await past.practice.start(world.bob.id, "bob", "data-engineering", 3)
    for _ in range(3):
        question = past.courses.get().bank.get(step.view.question_id)
        assert question is not None
        turn = await past.practice.answer(step.session_id, world.bob.id, wrong_letters(question))
        step = turn.next_step or step
    await other.set_up()
    elsewhere = await past.daily.post_now(other.guild.id)
    assert elsewhere is not None
    await past.daily.answer(elsewhere.post.post_id, world.bob.id, "bob", "A", guild_id=other.guild.id)
    # and answers this server's daily question right, which its leaderboard shows anyway
    here = await posted(world)
    question = question_of(world, here)
    await answer(world.bob, here, right_letters(question))

    result = await world.alice.slash(world.channel, "stats", member=world.bob)
    assert result.ephemeral and result.response
    [embed] = result.response.embeds
    assert embed.title == "bob's MLS-C01 daily results in Study Group"
    assert (embed.description or "").startswith("**1** daily answer here · accuracy **100%**")
    shown = {field.name: field.value or "" for field in embed.fields}
    assert "Weakest" not in shown and "Exam readiness" not in shown
    answered_in = world.learning.courses.get().kb.info.title(question.domain)
    assert shown[answered_in].startswith("100% (1/1)")
    assert all(value.startswith("—") for name, value in shown.items() if name != answered_in)

    own = await world.bob.slash(world.channel, "stats")  # bob's own stats still show everything, to bob
    assert own.response and (own.response.embeds[0].description or "").startswith("**5** answered")


# ---------------------------------------------------------------- names per server


async def test_each_server_shows_the_name_a_member_has_there(world: World, store: Store) -> None:
    other = world.env.create_guild("Other Group")
    other_channel = other.create_text_channel("daily")
    alice_there = other.add_member(world.alice.user, nick="Ali from elsewhere")
    here = await posted(world)
    await answer(world.alice, here, right_letters(question_of(world, here)))
    await world.learning.daily.setup(other.id, other_channel.id, "10:00", "Europe/Paris")
    await world.env.advance_time(HOUR)
    [there] = [message for message in other_channel.history() if message.author.bot]
    await answer(alice_there, there, right_letters(question_of(world, there)))

    board = await world.alice.slash(world.channel, "leaderboard")
    assert board.response
    description = board.response.embeds[0].description or ""
    assert "**1.** alice — 10 pts" in description and "Ali from elsewhere" not in description


# ---------------------------------------------------------------- echoes


async def test_trap_does_not_echo_the_topic(world: World) -> None:
    # a scam line no trap is about (its link is never matched), so the fallback line shows, and still no echo
    result = await world.alice.slash(world.channel, "trap", topic="nitro giveaway at https://evil.example")
    assert result.response and not result.ephemeral
    shown = str(result.response.embeds[0].to_dict())
    assert "evil.example" not in shown and "nitro" not in shown and "giveaway" not in shown
    assert "No trap fits that topic, so here is one at random." in (result.response.embeds[0].description or "")


async def test_a_reply_to_the_bot_that_does_not_mention_it_is_left_alone(world: World) -> None:
    me = world.bot.user
    assert me is not None
    await world.alice.send(world.channel, f"{me.mention} which service turns speech into text?")
    [answered] = bot_messages(world.channel)
    await world.alice.send(world.channel, "thanks!", reply_to=answered)  # Discord lists the bot in its mentions
    assert bot_messages(world.channel) == [answered]


# ---------------------------------------------------------------- forged controls


async def forged(world: World, channel: simcord.ChannelHandle, *custom_ids: str) -> discord.Message:
    """A message carrying buttons with these custom ids, as a modified client could send clicks for."""
    view = discord.ui.View(timeout=None)
    for number, custom_id in enumerate(custom_ids):
        view.add_item(discord.ui.Button(label=f"forged {number}", custom_id=custom_id))
    sent = world.bot.get_channel(channel.id)
    assert isinstance(sent, discord.TextChannel)
    message = await sent.send("forged", view=view)
    view.stop()  # nothing but the bot's own handlers may see the clicks
    return message


async def test_forged_controls_get_a_clear_answer_and_change_nothing(world: World, store: Store) -> None:
    other = make_world(world.env, "Other Group")
    await other.set_up()
    theirs = await world.learning.daily.post_now(other.guild.id)
    assert theirs is not None
    ours = await posted(world)
    huge = "9" * 80
    message = await forged(
        world, world.channel,
        "daily:5",  # the menu's id on a button
        f"daily:{huge}:A",
        "daily:99999999999999999999:A",  # 20 digits: past any id the store can hold
        f"daily:{theirs.post.post_id}:A",  # another server's question
        f"board:{other.guild.id}:all::1",  # another server's leaderboard
        f"practice:{huge}:1:A",
    )
    says = []
    for number in (0, 2, 3, 4):
        result = await world.alice.click(message, label=f"forged {number}")
        assert result.ephemeral and result.response, number
        says.append(result.response.content or (result.response.embeds[0].description if result.response.embeds else ""))
    assert says[0] == says[1] == "That button is not valid (any more)."
    assert says[2] == "That question belongs to another server."
    assert says[3] == "That leaderboard belongs to another server."
    for number in (1, 5):  # past the id patterns: not the bot's controls, so ignored, and nothing is raised
        assert not (await world.alice.click(message, label=f"forged {number}")).acknowledged
    [row] = await store.db.rows("SELECT COUNT(*) FROM answers")
    assert row[0] == 0
    assert reply(await answer(world.alice, ours, right_letters(question_of(world, ours)))).title == "Right!"
