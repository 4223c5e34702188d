"""/forgetme: deletes everything stored about the caller, after a private confirmation.

The Confirm and Cancel buttons are DynamicItems whose custom_ids carry the caller's id: only that learner can
use them, and they still work after a restart.
"""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.client import StudyBotBase, study_bot
from bot.discord.custom_ids import ID, number
from bot.discord.errors import component_errors
from bot.discord.replies import acknowledge, respond, tell

ASK = (
    "This deletes everything StudyBot stores about you, in every server: your daily answers, points and streaks, "
    "your practice history and spaced-repetition cards, and the questions you reported. It cannot be undone."
)
DELETED = "Done: everything StudyBot stored about you is deleted."
NOTHING = "StudyBot had nothing stored about you, so there was nothing to delete."
CANCELLED = "Cancelled: nothing was deleted."
NOT_YOURS = "Only the member who asked to be forgotten can confirm or cancel this."


class ForgetButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=rf"forgetme:(?P<user>{ID}):(?P<choice>confirm|cancel)"):
    def __init__(self, user: int | str, confirm: bool) -> None:
        button: discord.ui.Button[Any] = discord.ui.Button(
            label="Confirm" if confirm else "Cancel",
            style=discord.ButtonStyle.danger if confirm else discord.ButtonStyle.secondary,
            custom_id=f"forgetme:{user}:{'confirm' if confirm else 'cancel'}",
        )
        super().__init__(button)
        self.user_id, self.confirm = number(str(user)), confirm

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /) -> ForgetButton:
        return cls(match["user"], match["choice"] == "confirm")

    @component_errors
    async def callback(self, interaction: discord.Interaction) -> None:
        if interaction.user.id != self.user_id:
            await tell(interaction, NOT_YOURS)
            return
        if not self.confirm:
            await interaction.response.edit_message(content=CANCELLED, view=None)
            return
        await acknowledge(interaction, update=True)  # deleting may take a while on a busy disk
        deleted = await study_bot(interaction).learning.forget(self.user_id)
        await interaction.edit_original_response(content=DELETED if deleted else NOTHING, view=None)


class Privacy(commands.Cog):
    def __init__(self, bot: StudyBotBase) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(ForgetButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(ForgetButton)

    @app_commands.command(description="Delete everything StudyBot stores about you (asks you to confirm first)")
    async def forgetme(self, interaction: discord.Interaction) -> None:
        view = discord.ui.View(timeout=None)
        view.add_item(ForgetButton(interaction.user.id, confirm=True))
        view.add_item(ForgetButton(interaction.user.id, confirm=False))
        await respond(interaction, content=ASK, view=view, ephemeral=True)


async def setup(bot: StudyBotBase) -> None:
    await bot.add_cog(Privacy(bot))
