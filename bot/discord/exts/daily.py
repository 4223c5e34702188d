"""The daily question on Discord: `/daily ...` for server managers, `/report` for everyone, the scheduler loop that
posts, re-sends and closes the daily questions of every guild, and the gateway events that end a guild's schedule.

The schedule, the choice of question, the answers, the closing and when to retry or give up all live in the core
(`Learning.daily` and `DailyScheduler`); this cog turns their results into messages. Commands that read or write
the store acknowledge the interaction first, so a slow disk never makes Discord show "This interaction failed".
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.discord.answer_forms import on_form
from bot.discord.client import StudyBotBase
from bot.discord.custom_ids import number
from bot.discord.daily_embeds import POSTING, SETUP_HINT, now_text, permission_names, reports_embed, status_embed, when
from bot.discord.daily_publisher import DiscordPublisher
from bot.discord.daily_views import DYNAMIC_ITEMS, FORM, answer
from bot.discord.embeds import choice, exam_choices, fit, message_text
from bot.discord.errors import component_errors
from bot.discord.replies import acknowledge, respond, tell
from bot.knowledge.deck import DeckInfo
from bot.limits import NAME_CHARS, REPORT_REASON_CHARS
from bot.quiz.daily_scheduler import DailyScheduler
from bot.quiz.practice import PracticeError
from bot.quiz.schedule import ScheduleError, timezone_names

# Discord shows at most 25 autocomplete choices.
CHOICES = 25
# A time, a time zone or a question id, as typed.
Text = app_commands.Range[str, 1, NAME_CHARS]
PINGABLE = (
    "{role} is not mentionable and I lack Mention Everyone in {channel}: turn on *Allow anyone to @mention this role* "
    "(Server Settings → Roles) or give me that permission there."
)

admin_only = app_commands.checks.has_permissions(manage_guild=True)


def zone_choices(current: str) -> list[app_commands.Choice[str]]:
    """IANA names containing what was typed ("new york" finds America/New_York), those whose city starts with it first."""
    needle = "_".join(current.lower().split())
    names = [name for name in timezone_names() if needle in name.lower()]
    names.sort(key=lambda name: (not name.lower().rpartition("/")[2].startswith(needle), name))
    if not needle:
        names = ["UTC", *names]
    return [choice(name) for name in names[:CHOICES]]


def retirement(exams: list[DeckInfo], exam: str) -> str:
    """For a server set up for an exam AWS has retired: which exam learners starting now take instead."""
    info = next(info for info in exams if info.id == exam)
    if info.retired is None:
        return ""
    current = [other for other in exams if other.retired is None]
    instead = f" Learners starting now take {current[0].code}: `/daily setup exam:{current[0].id}` switches." if current else ""
    return f"This server studies {info.label}.{instead} Posts and scores so far are kept."


def visible_guilds(bot: discord.Client) -> dict[int, list[int] | None]:
    """Each guild the bot is in, with the channels it sees (None while Discord reports the guild unavailable)."""
    return {guild.id: None if guild.unavailable else [channel.id for channel in guild.channels] for guild in bot.guilds}


class Daily(commands.Cog):
    daily = app_commands.Group(
        name="daily", description="The daily question of this server (needs Manage Server)",
        guild_only=True, default_permissions=discord.Permissions(manage_guild=True),
    )
    reports = app_commands.Group(name="reports", description="Questions learners reported as wrong", parent=daily)

    def __init__(self, bot: StudyBotBase) -> None:
        self.bot = bot
        self.schedule = DailyScheduler(bot.learning.daily, DiscordPublisher(bot), shards=bot.settings.shards)
        self.scheduler.change_interval(seconds=bot.settings.scheduler_interval_seconds)

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(*DYNAMIC_ITEMS)
        self.scheduler.start()

    async def cog_unload(self) -> None:
        self.scheduler.cancel()
        self.bot.remove_dynamic_items(*DYNAMIC_ITEMS)

    # ------------------------------------------------------------------ the scheduler and the guilds it serves

    @tasks.loop(seconds=30)
    async def scheduler(self) -> None:
        await self.schedule.tick()

    @scheduler.before_loop
    async def _start(self) -> None:
        """Once connected, first catch up with what changed while the bot was offline: guilds it was removed from and
        channels deleted are paused before the first pass could try them."""
        await self.bot.wait_until_ready()
        await self.schedule.reconcile(visible_guilds(self.bot))

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        """READY again after a lost session: removals during the outage were never sent as events."""
        if self.scheduler.current_loop:
            await self.schedule.reconcile(visible_guilds(self.bot))

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        await self.bot.learning.daily.guilds.left(guild.id)

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self.bot.learning.daily.guilds.present(guild.id, [channel.id for channel in guild.channels])

    @commands.Cog.listener()
    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        await self.bot.learning.daily.guilds.channel_deleted(channel.guild.id, channel.id)

    # ------------------------------------------------------------------ answer forms

    @commands.Cog.listener()
    @component_errors
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """The answer form of an ordering or matching question, submitted: answered like a click."""
        await on_form(interaction, FORM, lambda match, text: answer(interaction, number(match["post"]), text))

    # ------------------------------------------------------------------ /daily

    @daily.command(description="Post a question every day: where, when (24-hour HH:MM) and in which time zone")
    @app_commands.describe(
        channel="where to post", time="local time of day, e.g. 09:00 or 18:30", timezone="an IANA time zone, e.g. Europe/Paris",
        role="a role to ping with each question", open_hours="hours each question stays open (default 24)",
        exam="the exam this server studies (default: as before; the first time, the bot's default)",
    )
    @admin_only
    async def setup(
        self, interaction: discord.Interaction, channel: discord.TextChannel, time: Text, timezone: Text,
        role: discord.Role | None = None, open_hours: app_commands.Range[int, 1, 72] | None = None, exam: Text | None = None,
    ) -> None:
        assert interaction.guild is not None
        if role is not None and role.is_default():
            await respond(interaction, content="Pick a role to ping, not @everyone (or leave it out).", ephemeral=True)
            return
        await acknowledge(interaction, ephemeral=True)
        daily = self.bot.learning.daily
        try:
            settings = await daily.setup(interaction.guild.id, channel.id, time, timezone, role.id if role else None, open_hours, exam)
        except ScheduleError as error:
            await tell(interaction, str(error))
            return
        embed = status_embed(await daily.status(interaction.guild.id), title="Daily question set up")
        if retired := retirement(self.bot.apps.infos(), settings.exam):
            embed.add_field(name="⚠️ A retired exam", value=retired, inline=False)
        rights = channel.permissions_for(interaction.guild.me)
        missing = [name for name in POSTING if not getattr(rights, name)]
        if missing:
            hint = f"Give me {permission_names(missing)} in {channel.mention}."
            embed.add_field(name="⚠️ I can't post there yet", value=hint, inline=False)
        if role is not None and not role.mentionable and not rights.mention_everyone:
            unpingable = PINGABLE.format(role=role.mention, channel=channel.mention)
            embed.add_field(name="⚠️ I can't ping that role", value=unpingable, inline=False)
        await respond(interaction, embed=embed, ephemeral=True)

    @setup.autocomplete("timezone")
    async def _zones(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return zone_choices(current)

    @setup.autocomplete("exam")
    async def _exams(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return exam_choices(self.bot.apps.infos(), current)

    @daily.command(description="Stop posting daily questions until /daily resume")
    @admin_only
    async def pause(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        await acknowledge(interaction, ephemeral=True)
        if await self.bot.learning.daily.set_paused(interaction.guild_id, True) is None:
            await tell(interaction, f"The daily question is not set up here yet. {SETUP_HINT}")
            return
        await tell(interaction, "Paused: no daily question until `/daily resume`.")

    @daily.command(description="Post daily questions again after /daily pause")
    @admin_only
    async def resume(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        await acknowledge(interaction, ephemeral=True)
        daily = self.bot.learning.daily
        if await daily.set_paused(interaction.guild_id, False) is None:
            await tell(interaction, f"The daily question is not set up here yet. {SETUP_HINT}")
            return
        status = await daily.status(interaction.guild_id)
        upcoming = f" The next one comes {when(status.next_post_at)}." if status.next_post_at else ""
        await tell(interaction, f"Resumed.{upcoming}")

    @daily.command(description="Post today's question now, if it is not out yet")
    @admin_only
    async def now(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        await acknowledge(interaction, ephemeral=True)
        daily = self.bot.learning.daily
        try:
            posting = await daily.post_now(interaction.guild_id)
        except ScheduleError as error:
            await tell(interaction, f"{error} {SETUP_HINT}")
            return
        if posting is None:
            await respond(interaction, embed=status_embed(await daily.status(interaction.guild_id)), ephemeral=True)
            return
        await tell(interaction, now_text(posting, await self.schedule.publish(posting, now=True)))

    @daily.command(description="The schedule, the next question and today's post")
    @admin_only
    async def status(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        await acknowledge(interaction, ephemeral=True)
        status = await self.bot.learning.daily.status(interaction.guild_id)
        await respond(interaction, embed=status_embed(status), ephemeral=True)

    @reports.command(name="list", description="Questions learners reported as wrong, newest first, with their numbers")
    @admin_only
    async def list_reports(self, interaction: discord.Interaction) -> None:
        await acknowledge(interaction, ephemeral=True)
        reports = await self.bot.learning.store.learners.open_reports(interaction.guild_id)
        await respond(interaction, embed=reports_embed(reports), ephemeral=True)

    @reports.command(description="Mark a report as dealt with; it leaves the list")
    @app_commands.describe(report="its number, as in /daily reports list")
    @admin_only
    async def resolve(self, interaction: discord.Interaction, report: app_commands.Range[int, 1]) -> None:
        await acknowledge(interaction, ephemeral=True)
        question_id = await self.bot.learning.store.learners.resolve_report(interaction.guild_id, report)
        if question_id is None:
            await tell(interaction, f"There is no open report #{report} in this server.")
            return
        await tell(interaction, f"Resolved report #{report} on `{question_id}`.")

    @resolve.autocomplete("report")
    async def _open_reports(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[int]]:
        reports = await self.bot.learning.store.learners.open_reports(interaction.guild_id, CHOICES, current.strip().lstrip("#"))
        return [
            app_commands.Choice(name=fit(f"#{item.report_id} {item.question_id}: {item.reason}", 100), value=item.report_id)
            for item in reports
        ]

    # ------------------------------------------------------------------ /report

    @app_commands.command(description="Flag a question you think is wrong; the server's admins see it")
    @app_commands.describe(question="the question id, shown under each question", reason="what is wrong with it")
    @app_commands.guild_only()
    async def report(
        self, interaction: discord.Interaction, question: Text, reason: app_commands.Range[str, 1, REPORT_REASON_CHARS]
    ) -> None:
        await acknowledge(interaction, ephemeral=True)
        try:
            await self.bot.learning.report(interaction.guild_id, interaction.user.id, interaction.user.display_name, question, reason)
        except PracticeError as error:
            await tell(interaction, str(error))
            return
        # The id is known to the bank by now (report() refuses any other), so it is safe to show as typed.
        await respond(interaction, content=message_text(f"Thanks: your report on `{question.strip()}` is stored for this server's admins."),
                      ephemeral=True)

    @report.autocomplete("question")
    async def _questions(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        """Today's question first, then every question whose id contains what was typed."""
        learning = self.bot.learning
        needle = current.strip().lower()
        ids: list[str] = []
        if interaction.guild_id is not None and (today := await learning.daily.today(interaction.guild_id)):
            ids.append(today.view.question_id)
        bank = learning.courses.get(await learning.exam_of(interaction.guild_id)).bank
        ids += [question.id for question in bank.all() if question.id not in ids]
        ids = [question_id for question_id in ids if needle in question_id]
        return [choice(question_id) for question_id in ids[:CHOICES]]


async def setup(bot: StudyBotBase) -> None:
    await bot.add_cog(Daily(bot))
