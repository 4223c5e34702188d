"""Layer 1: the daily question in simcord, driven the way server managers and learners drive it.

Virtual time starts on Thursday 2026-01-01 at 00:00 UTC; the guilds post at 09:00 Europe/Paris (08:00 UTC), and the
scheduler checks every hour, so the loop fires on the hour as `advance_time` passes it.
"""

from __future__ import annotations

from datetime import date, timedelta

import discord
import pytest
import simcord

from bot.app.library import StudyApps
from bot.config import DiscordSettings
from bot.discord.client import create_bot
from bot.knowledge.questions import OPTION_LETTERS
from bot.quiz.daily import Posting
from bot.store.store import Store
from tests.e2e.daily_world import (
    ADMIN_COMMANDS,
    HOUR,
    HOURLY,
    PING,
    POST_AT,
    REFUSED,
    START,
    World,
    answer,
    answer_together,
    controls,
    daily_posts,
    fields,
    posted,
    question_of,
    reply,
    right_letters,
    stamp,
    text,
    the_post,
    wrong_letters,
)

pytestmark = pytest.mark.usefixtures("nothing_logged_as_an_error")
SETTINGS = HOURLY


# ---------------------------------------------------------------- /daily setup


async def test_setup_replies_privately_with_the_schedule_and_the_next_post(world: World) -> None:
    embed = reply(await world.set_up(role=world.learners, open_hours=12))
    assert embed.title == "Daily question set up"
    shown = fields(embed)
    assert shown["Channel"] == world.channel.mention and shown["Time"] == "09:00 Europe/Paris"
    assert shown["Open for"] == "12 h" and shown["Ping"] == world.learners.mention
    assert shown["Next question"].startswith(stamp(POST_AT))
    assert shown["Today"] == "Not posted yet."
    synced = {command["name"]: command for request in world.env.http_requests if request.method == "PUT" for command in request.json}
    assert int(synced["daily"]["default_member_permissions"]) == discord.Permissions(manage_guild=True).value
    assert not synced["report"].get("default_member_permissions")


@pytest.mark.parametrize(
    ("time", "zone", "says"),
    [
        ("25:00", "Europe/Paris", "'25:00' is not a time of day; use 24-hour HH:MM"),
        ("9am", "Europe/Paris", "'9am' is not a time of day"),
        ("09:00", "Mars/Olympus", "'Mars/Olympus' is not an IANA time zone name"),
        ("09:00", "paris", "'paris' is not an IANA time zone name"),
    ],
)
async def test_setup_refuses_a_bad_time_or_time_zone_privately(world: World, time: str, zone: str, says: str) -> None:
    assert text(await world.set_up(time=time, timezone=zone)).startswith(says)
    assert await world.learning.store.posts.settings(world.guild.id) is None
    status = reply(await world.ada.slash(world.channel, "daily status"))
    assert "not set up here yet" in (status.description or "")


async def test_setup_refuses_everyone_as_the_role_to_ping(world: World) -> None:
    assert text(await world.set_up(role=world.guild.default_role)) == "Pick a role to ping, not @everyone (or leave it out)."
    assert await world.learning.store.posts.settings(world.guild.id) is None


async def test_time_zones_autocomplete_from_the_iana_list(world: World) -> None:
    async def offered(typed: str) -> list[str]:
        choices = await world.ada.autocomplete(world.channel, "daily setup", "timezone", typed)
        return [choice["value"] for choice in choices]

    assert (await offered("paris")) == ["Europe/Paris"]
    assert (await offered("new york"))[0] == "America/New_York"
    assert (await offered("london"))[0] == "Europe/London"
    browse = await offered("")
    assert browse[0] == "UTC" and len(browse) == 25
    assert await offered("nowhere at all") == []


# ---------------------------------------------------------------- permissions


async def test_the_daily_commands_are_refused_to_members_without_manage_server(world: World) -> None:
    assert not set(ADMIN_COMMANDS) & set(world.alice.available_commands(world.channel))  # hidden by default...
    assert set(ADMIN_COMMANDS) <= set(world.ada.available_commands(world.channel))
    # ...but a server can show a command to anyone (Server Settings > Integrations): the bot checks for itself.
    daily = world.env.backend.find_command("daily", None)
    assert daily is not None
    world.guild.set_command_permissions(int(daily["id"]), {world.guild.default_role: True})
    for command, options in [
        ("daily setup", {"channel": world.channel, "time": "09:00", "timezone": "UTC"}),
        ("daily pause", {}), ("daily resume", {}), ("daily now", {}), ("daily status", {}), ("daily reports list", {}),
        ("daily reports resolve", {"report": 1}),
    ]:
        assert text(await world.alice.slash(world.channel, command, **options)) == REFUSED, command
    assert await world.learning.store.posts.settings(world.guild.id) is None
    assert {type(error) for error in world.env.errors} == {discord.app_commands.MissingPermissions}


# ---------------------------------------------------------------- pause, resume, status


async def test_pause_resume_and_status(world: World) -> None:
    for command in ("daily pause", "daily resume"):
        assert "not set up here yet" in text(await world.ada.slash(world.channel, command))
    await world.set_up()
    assert text(await world.ada.slash(world.channel, "daily pause")) == "Paused: no daily question until `/daily resume`."
    await world.env.advance_time(8.5 * HOUR)  # 09:30 in Paris: the post time has passed while paused
    assert daily_posts(world.channel) == []
    paused = fields(reply(await world.ada.slash(world.channel, "daily status")))
    assert paused["State"].startswith("**Paused**") and "Next question" not in paused and paused["Today"] == "Not posted yet."

    resumed = text(await world.ada.slash(world.channel, "daily resume"))
    assert resumed == f"Resumed. The next one comes {stamp(world.env.now())} (<t:{int(world.env.now().timestamp())}:R>)."  # due now
    await world.env.advance_time(0.5 * HOUR)  # the next pass of the scheduler
    post = the_post(world.channel)
    status = fields(reply(await world.ada.slash(world.channel, "daily status")))
    assert status["Next question"].startswith(stamp(POST_AT + timedelta(days=1)))
    assert f"[the post]({post.jump_url})" in status["Today"] and "open until" in status["Today"]


# ---------------------------------------------------------------- the daily post


async def test_the_daily_post_comes_at_its_time_once_and_pings_only_its_role(world: World) -> None:
    await world.set_up(role=world.learners)
    await world.env.advance_time((POST_AT - START).total_seconds() - 60)
    assert daily_posts(world.channel) == []
    await world.env.advance_time(60)
    post = the_post(world.channel)
    question = question_of(world, post)
    embed = post.embeds[0]
    assert embed.title and embed.title.startswith("Question of the day #1 · ")
    assert embed.timestamp == POST_AT + timedelta(hours=24)  # open until
    for letter, option in zip(OPTION_LETTERS, question.options, strict=False):
        assert f"**{letter}.** {option.text}" in (embed.description or "")
    assert post.content == world.learners.mention
    [sent] = [request for request in world.env.http_requests if request.method == "POST" and request.path.endswith("/messages")]
    assert sent.json["allowed_mentions"] == {"parse": [], "roles": [world.learners.id]}
    post_id = (await world.learning.daily.today(world.guild.id)).post.post_id  # type: ignore[union-attr]
    letters = OPTION_LETTERS[: len(question.options)]
    expected = [f"daily:{post_id}"] if question.multiple else [f"daily:{post_id}:{letter}" for letter in letters]
    assert [control["custom_id"] for control in controls(post)] == expected

    await world.env.advance_time(15 * HOUR)  # 23:00 in Paris: the rest of the day brings nothing more
    assert len(daily_posts(world.channel)) == 1
    await world.env.advance_time(9 * HOUR)  # the next day at 09:00
    assert [message.embeds[0].title.split(" · ")[0] for message in daily_posts(world.channel)] == [  # type: ignore[union-attr]
        "Question of the day #1", "Question of the day #2"
    ]


async def test_catch_up_after_downtime_posts_once(world: World, study_app: StudyApps, store: Store, settings: DiscordSettings) -> None:
    await world.set_up()
    await world.bot.remove_cog("Daily")  # the bot goes down before the post time...
    await world.env.advance_time(12 * HOUR)
    assert daily_posts(world.channel) == []
    await world.env.restart_bot(create_bot(study_app, store, settings))  # ...and is back at 13:00 in Paris
    post = the_post(world.channel)
    assert post.embeds[0].timestamp == START + timedelta(hours=12 + 24)  # posted on return, open for 24 hours
    assert (await world.learning.daily.today(world.guild.id)).post.local_date == date(2026, 1, 1)  # type: ignore[union-attr]
    await world.env.restart_bot(create_bot(study_app, store, settings))
    await world.env.advance_time(10 * HOUR)  # past midnight in Paris, before the next post time
    assert daily_posts(world.channel) == [post]


async def test_a_post_left_unconfirmed_by_a_crash_is_sent_once_with_a_menu_for_choose_two(world: World) -> None:
    """The bot stopped between recording a post and sending it: the loop sends it, once. This one wants two options."""
    await world.set_up()
    choose_two = next(question for question in world.learning.courses.get().bank.all() if question.multiple)
    now = world.env.now()
    await world.learning.store.posts.create(
        world.guild.id, date(2026, 1, 1), choose_two.id, choose_two.domain, world.channel.id, now, now + timedelta(hours=24)
    )
    await world.env.advance_time(HOUR)
    post = the_post(world.channel)
    [menu] = controls(post)
    assert menu["type"] == 3 and menu["min_values"] == menu["max_values"] == 2
    right = right_letters(choose_two)
    assert reply(await answer(world.alice, post, right)).title == "Right!"
    wrong = reply(await answer(world.bob, post, wrong_letters(choose_two)))
    assert wrong.title == "Not quite" and f"the answer is **{right}**" in (wrong.description or "")
    await world.env.advance_time(10 * HOUR)
    assert daily_posts(world.channel) == [post]


# ---------------------------------------------------------------- clicks


async def test_clicks_right_wrong_and_twice_get_private_feedback(world: World) -> None:
    post = await posted(world)
    question = question_of(world, post)
    right, wrong = right_letters(question), wrong_letters(question)

    good = reply(await answer(world.alice, post, right))
    assert good.title == "Right!" and f"**{right}** is right." in (good.description or "")
    assert question.explanation in (good.description or "") and "+10 points · streak 1" in (good.description or "")

    bad = reply(await answer(world.bob, post, wrong))
    assert bad.title == "Not quite" and f"You chose **{wrong}**; the answer is **{right}**." in (bad.description or "")
    why = next(option.why for letter, option in zip(OPTION_LETTERS, question.options, strict=False) if letter in wrong and option.why)
    assert f"is wrong: {why}" in (bad.description or "")

    again = reply(await answer(world.alice, post, wrong))
    assert (again.description or "").startswith(f"You already answered **{right}**: one answer per question.")
    assert the_post(world.channel).embeds[0].to_dict() == post.embeds[0].to_dict()  # nothing shows in the channel


async def test_clicks_after_a_restart_still_count(world: World, study_app: StudyApps, store: Store, settings: DiscordSettings) -> None:
    post = await posted(world)
    question = question_of(world, post)
    await answer(world.alice, post, right_letters(question))
    await world.env.restart_bot(create_bot(study_app, store, settings))
    assert reply(await answer(world.bob, post, right_letters(question))).title == "Right!"
    again = reply(await answer(world.alice, post, wrong_letters(question)))
    assert "You already answered" in (again.description or "")
    await world.env.advance_time(24 * HOUR)
    assert "2 people answered" in fields(daily_posts(world.channel)[0].embeds[0])


async def test_many_learners_clicking_at_once_are_each_counted_once(world: World) -> None:
    post = await posted(world)
    question = question_of(world, post)
    right, wrong = right_letters(question), wrong_letters(question)
    crowd = [world.member(f"learner{n}") for n in range(30)]
    picks = [(member, right if n % 3 else wrong) for n, member in enumerate(crowd)]
    picks += [(crowd[0], wrong)]  # a double click that lands with the rest
    before = len(world.env.transcript().splitlines())
    results = await answer_together(world.env, post, picks)

    lines = world.env.transcript().splitlines()[before:]
    order = ["click" if "INTERACTION_CREATE" in line else "reply" for line in lines if "INTERACTION_CREATE" in line or "/callback" in line]
    assert order == ["click"] * len(picks) + ["reply"] * len(picks)  # every click was in before the first reply
    titles = [reply(result).title for result in results]
    assert titles[1:30] == ["Right!" if n % 3 else "Not quite" for n in range(1, 30)]
    assert {titles[0], titles[30]} == {"Not quite", None}  # the double click: one counted, one "you already answered"
    await world.env.advance_time(24 * HOUR)
    shares = fields(daily_posts(world.channel)[0].embeds[0])["30 people answered"].splitlines()
    for letter, line in zip(OPTION_LETTERS, shares, strict=False):
        picked = sum(letter in letters for _, letters in picks[:30])
        assert line.startswith(f"`{letter}` ") and f"{picked / 30:.0%} ({picked})" in line


# ---------------------------------------------------------------- closing


async def test_closing_edits_the_post_and_later_clicks_hear_it_is_closed(world: World) -> None:
    await world.set_up(open_hours=2)
    await world.env.advance_time(0.5 * HOUR)
    now = text(await world.ada.slash(world.channel, "daily now"))
    post = the_post(world.channel)
    assert now == f"Posted question #1: {post.jump_url}"
    question = question_of(world, post)
    right, wrong = right_letters(question), wrong_letters(question)
    await answer(world.alice, post, right)
    await answer(world.bob, post, wrong)

    await world.env.advance_time(2 * HOUR)  # closed at 02:30; the scheduler's next pass is at 03:00
    late = reply(await answer(world.member("carol"), post, right))
    assert late.description == f"This question is closed; the answer was **{right}**."

    await world.env.advance_time(0.5 * HOUR)
    closed = the_post(world.channel)
    embed = closed.embeds[0]
    assert embed.title and embed.title.startswith("Question of the day #1 · ") and embed.title.endswith(" · closed")
    shown = fields(embed)
    assert shown["Answer"] == f"**{right}**" and shown["Why"] == question.explanation
    shares = shown["2 people answered"].splitlines()
    assert len(shares) == len(question.options) and all(line.endswith("✅") == (line[1] in right) for line in shares)
    assert all(control.get("disabled") for control in controls(closed))
    if not question.multiple:
        assert {control["label"]: control["style"] for control in controls(closed)}[right] == discord.ButtonStyle.success.value
    with pytest.raises(simcord.SetupError, match="disabled"):
        await answer(world.member("dave"), closed, right)
    again = fields(reply(await world.ada.slash(world.channel, "daily now")))  # the day has its question: the status instead
    assert again["Today"] == f"Question `{question.id}`: [the post]({post.jump_url}), closed."


# ---------------------------------------------------------------- errors from Discord


@pytest.fixture
def two_guilds(world: World) -> tuple[World, simcord.ChannelHandle]:
    """A second guild whose daily channel the bot may see but not post in."""
    other = world.env.create_guild("Quiet Group")
    admins = other.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    me = other.me
    assert me is not None
    quiet = other.create_text_channel("daily", overwrites={me: discord.PermissionOverwrite(send_messages=False)})
    return World(world.env, other, quiet, other.create_role("Learners"), other.add_member(world.env.create_user("olga"), roles=[admins]),
                 world.alice, world.bob), quiet


@pytest.mark.parametrize("settings", [DiscordSettings(scheduler_interval_seconds=60)], indirect=True)
async def test_a_channel_that_refuses_the_bot_costs_a_warning_not_the_loop(
    world: World, two_guilds: tuple[World, simcord.ChannelHandle], caplog: pytest.LogCaptureFixture
) -> None:
    quiet_world, quiet = two_guilds
    warned = reply(await quiet_world.set_up(time="00:10", timezone="UTC"))
    assert fields(warned)["⚠️ I can't post there yet"] == f"Give me Send Messages, Embed Links in {quiet.mention}."
    await world.set_up(time="00:10", timezone="UTC")

    await world.env.advance_time(40 * 60)
    assert len(daily_posts(world.channel)) == 1  # the other guild got its question
    sends = f"/channels/{quiet.id}/messages"
    attempts = [request for request in world.env.http_requests if request.method == "POST" and request.path == sends]
    assert len(attempts) == 5  # at 00:10, then 1, 2, 4 and 8 minutes after the last try: not at every pass
    assert "Discord refused it in channel" in caplog.text and "next try in" in caplog.text
    assert world.env.errors == []
    today = fields(reply(await quiet_world.ada.slash(quiet, "daily status")))["Today"]
    assert "not in the channel yet" in today


async def test_the_scheduler_outlives_a_failing_step_and_a_server_error(
    world: World, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    await world.set_up()
    daily = world.learning.daily
    working = daily.due_guilds

    async def broken(owns: object = None) -> list[Posting]:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(daily, "due_guilds", broken)
    await world.env.advance_time(8 * HOUR)
    assert daily_posts(world.channel) == []
    assert "daily scheduler: could not list what to post" in caplog.text and "the disk is full" in caplog.text
    caplog.clear()  # that error was the point; any other still fails the test

    monkeypatch.setattr(daily, "due_guilds", working)
    world.env.inject_error("POST", "/channels/*/messages", status=500)
    await world.env.advance_time(HOUR)
    assert daily_posts(world.channel) == [] and "Discord could not take it" in caplog.text
    await world.env.advance_time(HOUR)  # tried again at the next pass
    assert len(daily_posts(world.channel)) == 1
    assert world.env.errors == []


# ---------------------------------------------------------------- /report and /daily reports


async def test_report_stores_a_flag_that_admins_list(world: World) -> None:
    assert (reply(await world.ada.slash(world.channel, "daily reports list")).description or "").startswith("No open reports.")
    post = await posted(world)
    question = question_of(world, post)
    offered = await world.alice.autocomplete(world.channel, "report", "question", "")
    assert offered[0]["value"] == question.id
    typed = await world.alice.autocomplete(world.channel, "report", "question", "clarify")
    assert typed and all("clarify" in choice["value"] for choice in typed)

    thanks = text(await world.alice.slash(world.channel, "report", question=question.id, reason="B is right too @everyone **see docs**"))
    assert thanks == f"Thanks: your report on `{question.id}` is stored for this server's admins."
    unknown = text(await world.bob.slash(world.channel, "report", question="no-such-question", reason="wrong"))
    assert unknown.startswith("There is no question 'no-such-question'")

    listed = reply(await world.ada.slash(world.channel, "daily reports list"))
    assert listed.title == "Open reports, newest first"
    description = listed.description or ""
    assert f"`{question.id}` — B is right too" in description and "*alice*" in description
    assert r"\*\*see docs\*\*" in description and not PING.search(description)
    assert text(await world.alice.slash(world.channel, "report", question=" ", reason="x")).startswith("There is no question")


async def test_help_lists_the_daily_commands(world: World) -> None:
    description = reply(await world.alice.slash(world.channel, "help")).description or ""
    assert "`/daily setup channel time timezone [role] [open_hours] [exam]` — " in description
    assert "`/report question reason` — " in description
