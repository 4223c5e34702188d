"""Layer 1: the daily question when a guild, a channel or a post goes wrong. The bot is kicked, a channel is deleted
(while the bot runs or while it is offline), a channel refuses the bot for days, a schedule can no longer be read, a
question leaves the bank, a closing edit fails once. Each guild and each post stands alone, and Discord is not asked
again and again for what it keeps refusing.
"""

from __future__ import annotations

from datetime import date, timedelta

import discord
import pytest
import simcord
from simcord.types import HttpLogEntry

from bot.app.library import StudyApps
from bot.config import DiscordSettings
from bot.discord.client import create_bot
from bot.store.records import GuildSettings
from bot.store.store import Store
from tests.e2e.daily_world import (
    HOURLY,
    POST_AT,
    World,
    answer,
    controls,
    daily_posts,
    fields,
    make_world,
    posted,
    question_of,
    reply,
    right_letters,
    text,
    the_post,
)

pytestmark = pytest.mark.usefixtures("nothing_logged_as_an_error")
SETTINGS = HOURLY
DAY = timedelta(days=1)


def sends_to(env: simcord.Env, channel_id: int) -> list[HttpLogEntry]:
    """Every message the bot tried to send to the channel, refused or not."""
    return [request for request in env.http_requests if request.method == "POST" and request.path == f"/channels/{channel_id}/messages"]


async def until(world: World, moment: timedelta) -> None:
    """Advance the simulation to `moment` after the first post time (09:00 Paris on 2026-01-01)."""
    await world.env.advance_time((POST_AT + moment - world.env.now()).total_seconds())


async def state_of(world: World, channel: simcord.ChannelHandle | None = None) -> str:
    shown = fields(reply(await world.ada.slash(channel or world.channel, "daily status")))
    return shown.get("State", "")


async def post_rows(store: Store, world: World) -> int:
    [row] = await store.db.rows("SELECT COUNT(*) FROM daily_posts WHERE guild_id = ?", [world.guild.id])
    return int(row[0])


# ---------------------------------------------------------------- the bot removed, a channel deleted


async def test_a_guild_that_removes_the_bot_is_not_tried_again(world: World, store: Store) -> None:
    kicked = make_world(world.env, "Kicked Group")
    await world.set_up()
    await kicked.set_up()
    world.env.backend.remove_guild(kicked.guild.id)  # the bot is kicked: Discord sends GUILD_DELETE
    await until(world, DAY)
    assert len(daily_posts(world.channel)) == 2  # the other guild is untouched
    assert sends_to(world.env, kicked.channel.id) == []
    assert await store.posts.latest(kicked.guild.id) is None  # no post row made for a guild the bot is not in
    settings = await store.posts.settings(kicked.guild.id)
    assert settings is not None and settings.paused  # kept, paused: its scores stay if the bot is invited back


async def test_a_deleted_daily_channel_pauses_the_schedule_and_status_says_why(world: World) -> None:
    await world.set_up()
    gone = world.channel.id
    general = world.guild.create_text_channel("general")
    world.env.backend.delete_channel(gone)
    await until(world, DAY)
    assert sends_to(world.env, gone) == []
    state = await state_of(world, general)
    assert state.startswith("**Paused by StudyBot** since <t:") and "the daily channel was deleted" in state
    assert "/daily setup" in state

    resumed = reply(await world.ada.slash(general, "daily setup", channel=general, time="09:00", timezone="Europe/Paris"))
    assert "State" not in fields(resumed)  # a new channel: running again, with today's question due at once
    await until(world, 2 * DAY)
    assert len(daily_posts(general)) == 2


async def test_guilds_and_channels_lost_while_offline_are_paused_at_start_up(
    world: World, study_app: StudyApps, store: Store, settings: DiscordSettings
) -> None:
    kicked, emptied = make_world(world.env, "Kicked Group"), make_world(world.env, "Emptied Group")
    for each in (world, kicked, emptied):
        await each.set_up()
    await world.bot.remove_cog("Daily")  # the bot is down (its scheduler and listeners are gone)...
    world.env.backend.remove_guild(kicked.guild.id)  # ...when it is removed from one server
    world.env.backend.delete_channel(emptied.channel.id)  # and another deletes its daily channel
    await world.env.restart_bot(create_bot(study_app, store, settings))
    await until(world, DAY)
    assert len(daily_posts(world.channel)) == 2
    assert sends_to(world.env, kicked.channel.id) == [] and sends_to(world.env, emptied.channel.id) == []
    assert "the daily channel was deleted" in await state_of(emptied, emptied.guild.create_text_channel("general"))


async def test_a_channel_that_refuses_the_bot_for_days_is_paused_and_status_says_why(world: World, store: Store) -> None:
    me = world.guild.me
    assert me is not None
    quiet = world.guild.create_text_channel("quiet", overwrites={me: discord.PermissionOverwrite(send_messages=False)})
    await world.set_up(channel=quiet)
    await until(world, 3 * DAY - timedelta(hours=1))
    assert sends_to(world.env, quiet.id)  # tried, with waits growing to an hour: the admin may fix it any time
    await until(world, 3 * DAY)
    tries, rows = len(sends_to(world.env, quiet.id)), await post_rows(store, world)
    await until(world, 4 * DAY)
    assert len(sends_to(world.env, quiet.id)) == tries  # paused after three days of refusals: no more tries...
    assert await post_rows(store, world) == rows  # ...nor a new post row every day
    state = await state_of(world)
    assert state.startswith("**Paused by StudyBot** since <t:") and f"Discord refused every post in {quiet.mention}" in state
    assert "then `/daily resume`" in state

    assert text(await world.ada.slash(world.channel, "daily resume")).startswith("Resumed.")
    assert await state_of(world) == ""


# ---------------------------------------------------------------- one bad guild or post holds up no other


async def test_a_guild_whose_schedule_cannot_be_read_holds_up_no_other(world: World, store: Store) -> None:
    healthy = make_world(world.env, "Healthy Group")  # made second, so its id sorts after the broken guild's
    await store.posts.save_settings(GuildSettings(world.guild.id, world.channel.id, "09:00", "Mars/Olympus", None, 24, False))
    await healthy.set_up()
    await until(world, timedelta(0))
    assert len(daily_posts(healthy.channel)) == 1 and daily_posts(world.channel) == []
    state = await state_of(world)
    assert state.startswith("**Paused by StudyBot**") and "'Mars/Olympus'" in state and "/daily setup" in state


async def test_a_question_that_left_the_bank_holds_up_no_post_and_its_post_still_closes(
    world: World, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A post keeps its question as shown, so a deck edit that drops it changes nothing for that post; a post recorded
    before posts kept their questions, and never sent, is closed without being sent."""
    healthy = make_world(world.env, "Healthy Group")
    shown = (await posted(world, open_hours=2)).id
    question = question_of(world, the_post(world.channel))
    bank = world.learning.courses.get().bank
    monkeypatch.delitem(bank.authored if question.id in bank.authored else bank.drills, question.id)  # a deck edit dropped it
    # A third guild's post was recorded, without its question, but never sent, and its question is gone too.
    unsent = make_world(world.env, "Unsent Group")
    await unsent.set_up()
    now = world.env.now()
    await store.posts.create(
        unsent.guild.id, date(2026, 1, 1), question.id, question.domain, unsent.channel.id, now, now + timedelta(hours=2)
    )
    await healthy.set_up(time="10:00")

    late = reply(await answer(world.alice, the_post(world.channel), right_letters(question)))
    assert (late.description or "").startswith(f"**{''.join(right_letters(question))}** is right.")
    await until(world, timedelta(hours=3))
    assert len(daily_posts(healthy.channel)) == 1 and daily_posts(unsent.channel) == []
    closed = the_post(world.channel)
    assert closed.id == shown and (closed.embeds[0].title or "").endswith(" · closed")
    assert question.explanation[:40] in str(closed.embeds[0].to_dict()) and "withdrawn" not in str(closed.embeds[0].to_dict())
    for guild in (world.guild, unsent.guild):
        latest = await store.posts.latest(guild.id)
        assert latest is not None and latest.revealed


async def test_a_closing_edit_that_fails_once_is_tried_again(world: World, store: Store) -> None:
    post = await posted(world, open_hours=2)
    world.env.inject_error("PATCH", f"/channels/{world.channel.id}/messages/{post.id}", status=503, message="Service Unavailable")
    await until(world, timedelta(hours=2))  # closes at 11:00; the edit fails
    assert not all(control.get("disabled") for control in controls(the_post(world.channel)))
    today = await world.learning.daily.today(world.guild.id)
    assert today is not None and not today.post.revealed  # shown or not is in the store: a restart tries again too
    await until(world, timedelta(hours=3))
    closed = the_post(world.channel)
    assert (closed.embeds[0].title or "").endswith(" · closed") and all(control.get("disabled") for control in controls(closed))


# ---------------------------------------------------------------- what /daily setup and /daily now say


async def test_setup_warns_when_the_role_cannot_be_pinged_there(world: World) -> None:
    me = world.guild.me
    assert me is not None
    strict = world.guild.create_text_channel("strict", overwrites={me: discord.PermissionOverwrite(mention_everyone=False)})
    warned = fields(reply(await world.set_up(channel=strict, role=world.learners)))
    assert warned["⚠️ I can't ping that role"] == (
        f"{world.learners.mention} is not mentionable and I lack Mention Everyone in {strict.mention}: turn on "
        "*Allow anyone to @mention this role* (Server Settings → Roles) or give me that permission there."
    )
    pingable = world.guild.create_role("Pingable", mentionable=True)
    assert "⚠️ I can't ping that role" not in fields(reply(await world.set_up(channel=strict, role=pingable)))
    assert "⚠️ I can't ping that role" not in fields(reply(await world.set_up(role=world.learners)))  # may mention all there


async def test_daily_now_says_what_happened_and_tries_an_unsent_post_again(world: World) -> None:
    await world.set_up()
    world.env.inject_error("POST", f"/channels/{world.channel.id}/messages", status=503, message="Service Unavailable")
    failed = text(await world.ada.slash(world.channel, "daily now"))
    assert failed == (
        f"Discord could not take the post in {world.channel.mention} just now (503 Service Unavailable). "
        "I try again on my own, or run `/daily now` again."
    )
    assert daily_posts(world.channel) == []
    again = text(await world.ada.slash(world.channel, "daily now"))  # today's post exists but is not out: send it now
    post = the_post(world.channel)
    assert again == f"Posted question #1: {post.jump_url}"

