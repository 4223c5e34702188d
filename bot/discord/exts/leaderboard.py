"""/leaderboard: the guild's top 10 for a period and domain, the caller's own rank, and buttons to page.

The page buttons are DynamicItems whose custom_ids carry the guild, exam, period, domain and page, so they work after
a restart (a button made before boards were per exam, with no exam in it, pages the server's current exam's board).
Whoever ran the command pages their message in place; anyone else who clicks gets their own private copy (with their
own rank) rather than turning the page under the owner's feet.
"""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.learning import LeaderboardPage
from bot.discord.client import StudyBotBase, study_bot
from bot.discord.custom_ids import ID, INVALID, number
from bot.discord.embeds import domain_choices, exam_choices
from bot.discord.errors import component_errors
from bot.discord.learning_embeds import PERIOD_TITLES, leaderboard_embed
from bot.discord.replies import acknowledge, respond, tell
from bot.limits import NAME_CHARS
from bot.quiz.practice import PracticeError

PAGE = (
    rf"board:(?P<guild>{ID}):(?:(?P<exam>[a-z]{{2,5}}-c[0-9]{{2}}):)?(?P<period>all|week|month):(?P<domain>[a-z-]{{0,40}}):"
    rf"(?P<page>[0-9]{{1,6}})"
)
ANOTHER_SERVER = "That leaderboard belongs to another server."
PERIODS = [app_commands.Choice(name=title, value=period.value) for period, title in PERIOD_TITLES.items()]


class PageButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=PAGE):
    def __init__(
        self, guild: int | str, exam: str | None, period: str, domain: str, page: int, label: str, disabled: bool = False
    ) -> None:
        custom_id = f"board:{guild}:{exam + ':' if exam else ''}{period}:{domain}:{page}"
        super().__init__(discord.ui.Button(label=label, custom_id=custom_id, disabled=disabled, style=discord.ButtonStyle.secondary))
        self.guild_id, self.exam, self.period, self.domain, self.page = number(str(guild)), exam, period, domain, page

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /) -> PageButton:
        label = item.label if isinstance(item, discord.ui.Button) else None
        return cls(match["guild"], match["exam"], match["period"], match["domain"], int(match["page"]), label or "")

    @component_errors
    async def callback(self, interaction: discord.Interaction) -> None:
        if self.guild_id is None or self.guild_id != interaction.guild_id:  # the id is the client's word, not Discord's
            await tell(interaction, ANOTHER_SERVER if self.guild_id else INVALID)
            return
        metadata = interaction.message.interaction_metadata if interaction.message else None
        own = metadata is not None and metadata.user.id == interaction.user.id
        await acknowledge(interaction, ephemeral=True, update=own)
        try:
            board = await study_bot(interaction).learning.leaderboard(
                self.guild_id, self.period, self.domain or None, caller_id=interaction.user.id, page=self.page, exam=self.exam
            )
        except PracticeError as error:
            await tell(interaction, str(error))
            return
        embed, view = board_message(self.guild_id, board, interaction.user)
        if own:
            await interaction.edit_original_response(embed=embed, view=view)
        else:
            await respond(interaction, embed=embed, view=view, ephemeral=True)


def board_message(guild_id: int, page: LeaderboardPage, caller: discord.abc.User) -> tuple[discord.Embed, discord.ui.View]:
    """The page's embed and its Previous/Next buttons, each disabled where there is no page to turn to."""
    domain, period = page.domain or "", page.period.value
    view = discord.ui.View(timeout=None)
    view.add_item(PageButton(guild_id, page.exam_id, period, domain, page.page - 1, "◀ Previous", disabled=page.page <= 1))
    view.add_item(PageButton(guild_id, page.exam_id, period, domain, page.page + 1, "Next ▶", disabled=page.page >= page.pages))
    return leaderboard_embed(page, caller.id, caller.display_name), view


class Leaderboard(commands.Cog):
    def __init__(self, bot: StudyBotBase) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(PageButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(PageButton)

    @app_commands.command(description="This server's top 10 from the daily question, with your own rank")
    @app_commands.describe(
        period="all time (default), this week or this month", domain="one exam domain (empty: all of them)",
        exam="the exam whose board to show (default: the one this server studies)",
    )
    @app_commands.choices(period=PERIODS)
    @app_commands.guild_only()
    async def leaderboard(
        self,
        interaction: discord.Interaction,
        period: app_commands.Choice[str] | None = None,
        domain: app_commands.Range[str, 1, NAME_CHARS] | None = None,
        exam: app_commands.Range[str, 1, NAME_CHARS] | None = None,
    ) -> None:
        assert interaction.guild_id is not None  # guild_only
        await acknowledge(interaction)
        try:
            page = await self.bot.learning.leaderboard(
                interaction.guild_id, period.value if period else "all", domain, caller_id=interaction.user.id, exam=exam
            )
        except PracticeError as error:
            await tell(interaction, str(error))
            return
        embed, view = board_message(interaction.guild_id, page, interaction.user)
        await respond(interaction, embed=embed, view=view)

    @leaderboard.autocomplete("domain")
    async def _domains(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return domain_choices((await self.bot.autocomplete_app(interaction)).kb.info, current)

    @leaderboard.autocomplete("exam")
    async def _exams(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return exam_choices(self.bot.apps.infos(), current)


async def setup(bot: StudyBotBase) -> None:
    await bot.add_cog(Leaderboard(bot))
