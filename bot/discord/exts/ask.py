"""/ask, mentions and the message menu: a learner's need in their own words, or a question someone pasted, -> the
answer card, a comparison, what the question tests or "did you mean"."""

from __future__ import annotations

import time

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.client import StudyBotBase
from bot.discord.embeds import ASK_MENU, ask_embed, message_text, shared
from bot.discord.errors import cooldown_text
from bot.discord.replies import acknowledge, reply_to, respond, tell
from bot.limits import ASK_CHARS

# Past this many learners remembered, those whose wait is over are forgotten.
PRUNE_AT = 1024
NO_TEXT = "That message has no text I can read (not images or embeds): use this on a message with a question typed in it."


class UserCooldown:
    """One question per learner every `seconds`, shared by /ask and mentions. Reads the monotonic clock at each
    call (so a test's virtual clock drives it)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._until: dict[int, float] = {}

    def retry_after(self, user_id: int) -> float:
        """0 when the learner may ask now (and their turn is taken), else the seconds left to wait."""
        now = time.monotonic()
        if len(self._until) > PRUNE_AT:
            self._until = {user: until for user, until in self._until.items() if until > now}
        wait = self._until.get(user_id, 0.0) - now
        if wait > 0:
            return wait
        self._until[user_id] = now + self.seconds
        return 0.0


class Ask(commands.Cog):
    def __init__(self, bot: StudyBotBase) -> None:
        self.bot = bot
        self.cooldown = UserCooldown(bot.settings.ask_cooldown_seconds)
        # discord.py builds context menus from plain callbacks only, so this one joins the tree by hand.
        self.menu = app_commands.ContextMenu(name=ASK_MENU, callback=self.ask_about)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:  # type: ignore[override]
        wait = self.cooldown.retry_after(interaction.user.id)
        if wait:
            raise app_commands.CommandOnCooldown(app_commands.Cooldown(1, self.cooldown.seconds), wait)
        return True

    @app_commands.command(description="Which AWS service, algorithm, metric or concept fits a need, in your own words")
    @app_commands.describe(query="for example: which service turns speech into text?")
    async def ask(self, interaction: discord.Interaction, query: app_commands.Range[str, 1, ASK_CHARS]) -> None:
        await acknowledge(interaction)  # the server's exam is read from the store
        result = (await self.bot.app_for(interaction.guild_id)).ask(query)
        await respond(interaction, embed=ask_embed(result), ephemeral=not shared(result))

    async def ask_about(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """What a message's question tests, in public like /ask, without repeating its text (it is someone else's). A
        message with nothing to read costs no turn of the cooldown."""
        if not message.content.strip():
            await tell(interaction, NO_TEXT)
            return
        wait = self.cooldown.retry_after(interaction.user.id)
        if wait:
            await tell(interaction, cooldown_text(wait))
            return
        await acknowledge(interaction)
        result = (await self.bot.app_for(interaction.guild_id)).ask(message.content)
        await respond(interaction, embed=ask_embed(result, echo=False), ephemeral=not shared(result))

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """A message that names the bot (a reply to it lists the bot among its mentions without naming it), answered
        in public, without repeating what was not understood; silently skipped where the bot may not reply."""
        me = self.bot.user
        if message.author.bot or me is None or me.id not in message.raw_mentions or not may_reply(message):
            return
        wait = self.cooldown.retry_after(message.author.id)
        if wait:
            await reply_to(message, content=message_text(cooldown_text(wait)))
            return
        result = (await self.bot.app_for(message.guild.id if message.guild else None)).ask(message.content)
        await reply_to(message, embed=ask_embed(result, echo=False))


def may_reply(message: discord.Message) -> bool:
    """Whether the bot may answer in the message's channel. Checked first: a refused send counts toward Discord's
    limit on invalid requests, and a channel where the bot is muted would refuse every mention."""
    if message.guild is None:
        return True
    rights = message.channel.permissions_for(message.guild.me)  # type: ignore[union-attr]
    speak = rights.send_messages_in_threads if isinstance(message.channel, discord.Thread) else rights.send_messages
    return speak and rights.embed_links and rights.read_message_history


async def setup(bot: StudyBotBase) -> None:
    await bot.add_cog(Ask(bot))
