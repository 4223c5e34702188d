"""The daily question on Discord: `/daily ...` for server managers, `/report` for everyone, and the one scheduler
loop that closes, re-publishes and posts the daily questions of every guild.

The schedule, the choice of question, the answers and the closing all live in `Learning.daily`; this cog only
turns its results into messages. A channel that refuses the bot costs a warning and a growing wait before the next
try, never the loop.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.discord.client import StudyBotBase
from bot.discord.daily_embeds import SETUP_HINT, posting_embed, reports_embed, reveal_embed, status_embed, when
from bot.discord.daily_views import DYNAMIC_ITEMS, closed_view, open_view
from bot.discord.embeds import choice, fit
from bot.limits import NAME_CHARS, REPORT_REASON_CHARS
from bot.quiz.daily import Posting, Reveal
from bot.quiz.practice import PracticeError
from bot.quiz.schedule import ScheduleError, timezone_names

log = logging.getLogger(__name__)

# Discord shows at most 25 autocomplete choices.
CHOICES = 25
# A time, a time zone or a question id, as typed.
Text = app_commands.Range[str, 1, NAME_CHARS]
# After a refused post, wait this long before the next try, doubling up to RETRY_MAX.
RETRY_FIRST = 60.0
RETRY_MAX = 3600.0
# What the bot needs in the daily channel to post an embed with buttons.
POSTING = ("view_channel", "send_messages", "embed_links")

admin_only = app_commands.checks.has_permissions(manage_guild=True)


def permission_names(names: Sequence[str]) -> str:
    return ", ".join(name.replace("_", " ").title() for name in names)


def zone_choices(current: str) -> list[app_commands.Choice[str]]:
    """IANA names containing what was typed ("new york" finds America/New_York), those whose city starts with it first."""
    needle = "_".join(current.lower().split())
    names = [name for name in timezone_names() if needle in name.lower()]
    names.sort(key=lambda name: (not name.lower().rpartition("/")[2].startswith(needle), name))
    if not needle:
        names = ["UTC", *names]
    return [choice(name) for name in names[:CHOICES]]


class Retries:
    """When a refused post may be tried again. A throttle, not state: after a restart a post is simply tried once more.
    Reads the monotonic clock at each call (through the module, so a test's virtual clock drives it)."""

    def __init__(self) -> None:
        self._next: dict[int, tuple[float, float]] = {}  # post id -> (time of the next try, wait after that)

    def due(self, post_id: int) -> bool:
        return time.monotonic() >= self._next.get(post_id, (0.0, 0.0))[0]

    def failed(self, post_id: int) -> float:
        """Record a refusal; returns the seconds until the next try."""
        wait = self._next.get(post_id, (0.0, RETRY_FIRST))[1]
        self._next[post_id] = (time.monotonic() + wait, min(wait * 2, RETRY_MAX))
        return wait

    def forget(self, post_id: int) -> None:
        """The post was sent, or has closed: no more tries."""
        self._next.pop(post_id, None)


class Daily(commands.Cog):
    daily = app_commands.Group(
        name="daily", description="The daily question of this server (needs Manage Server)",
        guild_only=True, default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: StudyBotBase) -> None:
        self.bot = bot
        self.retries = Retries()
        self.scheduler.change_interval(seconds=bot.settings.scheduler_interval_seconds)

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(*DYNAMIC_ITEMS)
        self.scheduler.start()

    async def cog_unload(self) -> None:
        self.scheduler.cancel()
        self.bot.remove_dynamic_items(*DYNAMIC_ITEMS)

    # ------------------------------------------------------------------ the scheduler

    @tasks.loop(seconds=30)
    async def scheduler(self) -> None:
        await self.tick()

    @scheduler.before_loop
    async def _wait_until_ready(self) -> None:
        await self.bot.wait_until_ready()

    async def tick(self) -> None:
        """Close what is due, publish what was never confirmed, post what is due. Every step and every post stands
        alone: a failure is logged, holds up nothing else, and the loop runs on."""
        daily = self.bot.learning.daily
        steps: list[tuple[str, Callable[[], Awaitable[Sequence[Any]]], Callable[[Any], Awaitable[object]]]] = [
            ("close", daily.close_due, self.show_closed),
            ("re-publish", daily.unpublished, self.publish),
            ("post", daily.post_due, self.publish),
        ]
        for step, due, act in steps:
            try:
                items = await due()
            except Exception:
                log.exception("daily scheduler: the %s step failed; trying again next time", step)
                continue
            for item in items:
                try:
                    await act(item)
                except Exception:
                    log.exception("daily scheduler: could not %s post %s", step, item.post.post_id)

    async def publish(self, posting: Posting) -> discord.Message | None:
        """Send a post to its channel and confirm its message id; None when Discord refused (logged, tried later)."""
        post = posting.post
        if post.channel_id is None or not self.retries.due(post.post_id):
            return None
        channel = self.bot.get_partial_messageable(post.channel_id, guild_id=post.guild_id)
        ping: dict[str, Any] = {}
        if posting.role_id:  # the one message allowed to ping, and only that role
            role = discord.Object(posting.role_id)
            ping = {"content": f"<@&{role.id}>", "allowed_mentions": discord.AllowedMentions(roles=[role])}
        try:
            # The nonce lets Discord drop a second send of the same post (a crash before `published` was recorded).
            message = await channel.send(embed=posting_embed(posting), view=open_view(posting), nonce=f"daily-{post.post_id}", **ping)
        except discord.HTTPException as error:
            wait = self.retries.failed(post.post_id)
            log.warning(
                "daily post %s: Discord refused it in channel %s of guild %s (%s %s); next try in %.0fs",
                post.post_id, post.channel_id, post.guild_id, error.status, error.text, wait,
            )
            return None
        self.retries.forget(post.post_id)
        await self.bot.learning.daily.published(post.post_id, message.id)
        return message

    async def show_closed(self, reveal: Reveal) -> None:
        """Edit a closed post in place: controls disabled, the answer, the explanation and how the server answered."""
        post = reveal.post
        self.retries.forget(post.post_id)
        if post.channel_id is None or post.message_id is None:
            return  # never reached the channel: nothing to edit
        message = self.bot.get_partial_messageable(post.channel_id, guild_id=post.guild_id).get_partial_message(post.message_id)
        try:
            await message.edit(embed=reveal_embed(reveal), view=closed_view(reveal))
        except discord.HTTPException as error:  # deleted, or no longer allowed: the closing stands in the store anyway
            log.warning("daily post %s: could not show its closing (%s %s)", post.post_id, error.status, error.text)

    # ------------------------------------------------------------------ /daily

    @daily.command(description="Post a question every day: where, when (24-hour HH:MM) and in which time zone")
    @app_commands.describe(
        channel="where to post", time="local time of day, e.g. 09:00 or 18:30", timezone="an IANA time zone, e.g. Europe/Paris",
        role="a role to ping with each question", open_hours="hours each question stays open (default 24)",
    )
    @admin_only
    async def setup(
        self, interaction: discord.Interaction, channel: discord.TextChannel, time: Text, timezone: Text,
        role: discord.Role | None = None, open_hours: app_commands.Range[int, 1, 72] | None = None,
    ) -> None:
        assert interaction.guild is not None
        if role is not None and role.is_default():
            await interaction.response.send_message("Pick a role to ping, not @everyone (or leave it out).", ephemeral=True)
            return
        daily = self.bot.learning.daily
        try:
            await daily.setup(interaction.guild.id, channel.id, time, timezone, role.id if role else None, open_hours)
        except ScheduleError as error:
            await interaction.response.send_message(fit(str(error), 2000), ephemeral=True)
            return
        embed = status_embed(await daily.status(interaction.guild.id), title="Daily question set up")
        missing = [name for name in POSTING if not getattr(channel.permissions_for(interaction.guild.me), name)]
        if missing:
            hint = f"Give me {permission_names(missing)} in {channel.mention}."
            embed.add_field(name="⚠️ I can't post there yet", value=hint, inline=False)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @setup.autocomplete("timezone")
    async def _zones(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return zone_choices(current)

    @daily.command(description="Stop posting daily questions until /daily resume")
    @admin_only
    async def pause(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        if await self.bot.learning.daily.set_paused(interaction.guild_id, True) is None:
            await interaction.response.send_message(f"The daily question is not set up here yet. {SETUP_HINT}", ephemeral=True)
            return
        await interaction.response.send_message("Paused: no daily question until `/daily resume`.", ephemeral=True)

    @daily.command(description="Post daily questions again after /daily pause")
    @admin_only
    async def resume(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        daily = self.bot.learning.daily
        if await daily.set_paused(interaction.guild_id, False) is None:
            await interaction.response.send_message(f"The daily question is not set up here yet. {SETUP_HINT}", ephemeral=True)
            return
        status = await daily.status(interaction.guild_id)
        upcoming = f" The next one comes {when(status.next_post_at)}." if status.next_post_at else ""
        await interaction.response.send_message(f"Resumed.{upcoming}", ephemeral=True)

    @daily.command(description="Post today's question now, if it is not out yet")
    @admin_only
    async def now(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        daily = self.bot.learning.daily
        posting = await daily.post_now(interaction.guild_id)
        if posting is None:
            await interaction.response.send_message(embed=status_embed(await daily.status(interaction.guild_id)), ephemeral=True)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)  # sending the post may take a moment
        message = await self.publish(posting)
        if message is None:
            text = (
                f"Discord refused the post in <#{posting.post.channel_id}>: give me {permission_names(POSTING)} there. "
                "I keep trying on my own."
            )
        else:
            text = f"Posted question #{posting.number}: {message.jump_url}"
        await interaction.followup.send(text, ephemeral=True)

    @daily.command(description="The schedule, the next question and today's post")
    @admin_only
    async def status(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        status = await self.bot.learning.daily.status(interaction.guild_id)
        await interaction.response.send_message(embed=status_embed(status), ephemeral=True)

    @daily.command(description="Questions that learners reported as wrong, newest first")
    @admin_only
    async def reports(self, interaction: discord.Interaction) -> None:
        reports = await self.bot.learning.store.learners.open_reports(interaction.guild_id)
        await interaction.response.send_message(embed=reports_embed(reports), ephemeral=True)

    # ------------------------------------------------------------------ /report

    @app_commands.command(description="Flag a question you think is wrong; the server's admins see it")
    @app_commands.describe(question="the question id, shown under each question", reason="what is wrong with it")
    @app_commands.guild_only()
    async def report(
        self, interaction: discord.Interaction, question: Text, reason: app_commands.Range[str, 1, REPORT_REASON_CHARS]
    ) -> None:
        try:
            await self.bot.learning.report(interaction.guild_id, interaction.user.id, interaction.user.display_name, question, reason)
        except PracticeError as error:
            await interaction.response.send_message(fit(str(error), 2000), ephemeral=True)
            return
        # The id is known to the bank by now (report() refuses any other), so it is safe to show as typed.
        thanks = f"Thanks: your report on `{question.strip()}` is stored for this server's admins."
        await interaction.response.send_message(thanks, ephemeral=True)

    @report.autocomplete("question")
    async def _questions(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        """Today's question first, then every question whose id contains what was typed."""
        learning = self.bot.learning
        needle = current.strip().lower()
        ids: list[str] = []
        if interaction.guild_id is not None and (today := await learning.daily.today(interaction.guild_id)):
            ids.append(today.view.question_id)
        ids += [question.id for question in learning.bank.all() if question.id not in ids]
        ids = [question_id for question_id in ids if needle in question_id]
        return [choice(question_id) for question_id in ids[:CHOICES]]


async def setup(bot: StudyBotBase) -> None:
    await bot.add_cog(Daily(bot))
