"""Knowledge-base look-ups: /service, /algorithm, /metric, /concept with fuzzy autocomplete, /compare and /trap."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.client import StudyBotBase
from bot.discord.embeds import ask_embed, card_embed, choice, not_found_embed, shared, trap_embed
from bot.discord.replies import acknowledge, respond
from bot.limits import NAME_CHARS

# Discord shows at most 25 autocomplete choices.
CHOICES = 25
Name = app_commands.Range[str, 1, NAME_CHARS]


class Lookup(commands.Cog):
    def __init__(self, bot: StudyBotBase) -> None:
        self.bot = bot

    async def _show(self, interaction: discord.Interaction, name: str, kind: str) -> None:
        await acknowledge(interaction)  # the server's exam is read from the store
        found = (await self.bot.app_for(interaction.guild_id)).show(name, kind)
        if found.card:
            await respond(interaction, embed=card_embed(found.card))
        else:
            await respond(interaction, embed=not_found_embed(kind, name, found.suggestions), ephemeral=True)

    async def _choices(self, interaction: discord.Interaction, current: str, kind: str | None = None) -> list[app_commands.Choice[str]]:
        app = await self.bot.app_for(interaction.guild_id)
        return [choice(name) for name in app.suggest_names(current, CHOICES, kind)]

    @app_commands.command(description="An AWS service or SageMaker feature: what it is, key facts, look-alikes")
    @app_commands.describe(name="its name or an alias, e.g. Firehose")
    async def service(self, interaction: discord.Interaction, name: Name) -> None:
        await self._show(interaction, name, "service")

    @service.autocomplete("name")
    async def _service_names(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return await self._choices(interaction, current, "service")

    @app_commands.command(description="An algorithm: problems it solves, inputs, instances, key hyperparameters")
    @app_commands.describe(name="its name or an alias, e.g. XGBoost")
    async def algorithm(self, interaction: discord.Interaction, name: Name) -> None:
        await self._show(interaction, name, "algorithm")

    @algorithm.autocomplete("name")
    async def _algorithm_names(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return await self._choices(interaction, current, "algorithm")

    @app_commands.command(description="A metric: formula, which way is better, when to prefer it")
    @app_commands.describe(name="its name or an alias, e.g. F1")
    async def metric(self, interaction: discord.Interaction, name: Name) -> None:
        await self._show(interaction, name, "metric")

    @metric.autocomplete("name")
    async def _metric_names(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return await self._choices(interaction, current, "metric")

    @app_commands.command(description="An ML concept, explained with the facts the exam asks about")
    @app_commands.describe(name="its name or an alias, e.g. overfitting")
    async def concept(self, interaction: discord.Interaction, name: Name) -> None:
        await self._show(interaction, name, "concept")

    @concept.autocomplete("name")
    async def _concept_names(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return await self._choices(interaction, current, "concept")

    @app_commands.command(description="Two look-alikes side by side, with the difference that matters")
    @app_commands.describe(a="the first, e.g. Kinesis Data Streams", b="the second, e.g. Firehose")
    async def compare(self, interaction: discord.Interaction, a: Name, b: Name) -> None:
        await acknowledge(interaction)
        result = (await self.bot.app_for(interaction.guild_id)).asker.compare(a, b)
        await respond(interaction, embed=ask_embed(result), ephemeral=not shared(result))

    @compare.autocomplete("a")
    @compare.autocomplete("b")
    async def _any_names(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return await self._choices(interaction, current)

    @app_commands.command(description="A common exam trap: the belief, the truth and why")
    @app_commands.describe(topic="what the trap should be about, e.g. imbalanced data (empty: one at random)")
    async def trap(self, interaction: discord.Interaction, topic: Name = "") -> None:
        await acknowledge(interaction)
        pick = (await self.bot.app_for(interaction.guild_id)).trap(topic)
        if pick is None:
            await respond(interaction, content="This deck has no traps yet.", ephemeral=True)
            return
        await respond(interaction, embed=trap_embed(pick))


async def setup(bot: StudyBotBase) -> None:
    await bot.add_cog(Lookup(bot))
