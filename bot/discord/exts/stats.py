"""/stats: a learner's progress (accuracy per exam domain beside its weight, streaks, weakest entries, readiness),
with the accuracy chart attached as a PNG. Always private, and about another member only what this server already
shows of them: their daily results here."""

from __future__ import annotations

import asyncio
from io import BytesIO

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.charts import accuracy_chart
from bot.discord.client import StudyBotBase
from bot.discord.embeds import exam_choices
from bot.discord.learning_embeds import CHART_FILE, daily_results_embed, stats_embed
from bot.discord.replies import acknowledge, respond, tell
from bot.limits import NAME_CHARS


class Stats(commands.Cog):
    def __init__(self, bot: StudyBotBase) -> None:
        self.bot = bot

    @app_commands.command(description="Progress: accuracy per exam domain, streaks, weakest entries and exam readiness")
    @app_commands.describe(
        member="whose daily results in this server to see (empty: all your own stats); shown only to you",
        exam="the exam to see progress in (default: the one this server studies)",
    )
    async def stats(
        self, interaction: discord.Interaction, member: discord.User | None = None,
        exam: app_commands.Range[str, 1, NAME_CHARS] | None = None,
    ) -> None:
        """Your own stats in full; another member's only as far as this server's leaderboards show them already."""
        await acknowledge(interaction, ephemeral=True)
        stats_service = self.bot.learning.stats
        chosen = await self.bot.exam_of(interaction.guild_id, exam)
        if member is None or member.id == interaction.user.id:
            learner = interaction.user
            stats = await stats_service.learner(learner.id, interaction.guild_id, chosen)
        elif interaction.guild is None:
            await tell(interaction, "Another member's results can be seen only in a server, where the daily question is shared.")
            return
        else:
            learner = member
            stats = await stats_service.daily_results(member.id, interaction.guild.id, chosen)
        files = []
        if stats.answered:  # with no answers there is nothing to draw
            png = await asyncio.to_thread(accuracy_chart, stats.domains)  # drawing takes tens of milliseconds: off the loop
            files.append(discord.File(BytesIO(png), filename=CHART_FILE))
        if learner is interaction.user:
            embed = stats_embed(learner.display_name, stats, chart=bool(files))
        else:
            assert interaction.guild is not None
            embed = daily_results_embed(learner.display_name, interaction.guild.name, stats, chart=bool(files))
        await respond(interaction, embed=embed, files=files, ephemeral=True)

    @stats.autocomplete("exam")
    async def _exams(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return exam_choices(self.bot.apps.infos(), current)


async def setup(bot: StudyBotBase) -> None:
    await bot.add_cog(Stats(bot))
