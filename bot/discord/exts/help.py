"""/help: what the bot can do, in one embed built from the synced commands themselves, so it never goes stale."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.client import StudyBotBase
from bot.discord.embeds import help_embed
from bot.discord.replies import acknowledge, respond


def usage(command: app_commands.Command) -> str:
    """The usage line, e.g. "/trap [topic]": required options bare, optional ones in brackets."""
    options = [param.name if param.required else f"[{param.name}]" for param in command.parameters]
    return " ".join(["/" + command.qualified_name, *options])


class Help(commands.Cog):
    def __init__(self, bot: StudyBotBase) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="What StudyBot can do")
    async def help(self, interaction: discord.Interaction) -> None:
        listed = [command for command in self.bot.tree.walk_commands() if isinstance(command, app_commands.Command)]
        usages = [(usage(command), command.description) for command in listed]
        menus = [menu.name for menu in self.bot.tree.get_commands(type=discord.AppCommandType.message)]
        await acknowledge(interaction, ephemeral=True)  # the server's exam is read from the store
        studied = await self.bot.exam_of(interaction.guild_id)
        await respond(interaction, embed=help_embed(usages, menus, self.bot.apps.infos(), studied), ephemeral=True)


async def setup(bot: StudyBotBase) -> None:
    await bot.add_cog(Help(bot))
