"""/stats: a learner's progress (accuracy per exam domain beside its weight, streaks, weakest entries, readiness),
with the accuracy chart attached as a PNG. Always private: progress is nobody else's business unless shown."""

from __future__ import annotations

import asyncio
from io import BytesIO

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.charts import accuracy_chart
from bot.discord.client import StudyBotBase
from bot.discord.learning_embeds import CHART_FILE, stats_embed


class Stats(commands.Cog):
    def __init__(self, bot: StudyBotBase) -> None:
        self.bot = bot

    @app_commands.command(description="Progress: accuracy per exam domain, streaks, weakest entries and exam readiness")
    @app_commands.describe(member="whose stats to see (empty: yours); the reply is only shown to you")
    async def stats(self, interaction: discord.Interaction, member: discord.User | None = None) -> None:
        learner = member or interaction.user
        stats = await self.bot.learning.stats.learner(learner.id, interaction.guild_id)
        files = []
        if stats.answered:  # with no answers there is nothing to draw
            png = await asyncio.to_thread(accuracy_chart, stats.domains)  # drawing takes tens of milliseconds: off the loop
            files.append(discord.File(BytesIO(png), filename=CHART_FILE))
        embed = stats_embed(learner.display_name, stats, chart=bool(files))
        await interaction.response.send_message(embed=embed, files=files, ephemeral=True)


async def setup(bot: StudyBotBase) -> None:
    await bot.add_cog(Stats(bot))
