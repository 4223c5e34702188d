"""The Discord client: one bot holding the application layer and the store, its cogs loaded from `exts/`."""

from __future__ import annotations

import hashlib
import json
import logging
import pkgutil
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands
from discord.ext.commands.bot import BotBase

from bot.app.learning import Learning
from bot.app.library import StudyApps
from bot.app.study import StudyApp
from bot.config import DiscordSettings
from bot.discord import exts
from bot.discord.errors import StudyTree, on_event_error
from bot.quiz.courses import UnknownExam
from bot.store.store import Store

log = logging.getLogger(__name__)

# Guilds for channels and interactions, guild messages for mentions. A message that mentions the bot carries its
# content without the privileged message-content intent, so the bot never asks for it.
INTENTS = discord.Intents(guilds=True, guild_messages=True)


def extension_names() -> list[str]:
    """Every module in `exts/` (except those starting with _): adding a feature is dropping a module there."""
    modules = pkgutil.iter_modules(exts.__path__, f"{exts.__name__}.")
    return sorted(module.name for module in modules if not module.name.rpartition(".")[2].startswith("_"))


class StudyBotBase(BotBase):
    """What StudyBot adds to discord.py's bot; mixed into `commands.Bot` or `commands.AutoShardedBot` below."""

    def __init__(self, apps: StudyApps, store: Store, settings: DiscordSettings, *, force_sync: bool = False, **options: Any) -> None:
        super().__init__(
            # Required, yet unused (see on_message); the one prefix that does not warn about the message-content intent.
            command_prefix=commands.when_mentioned,
            help_command=None,
            tree_cls=StudyTree,
            intents=INTENTS,
            allowed_mentions=discord.AllowedMentions.none(),
            **options,
        )
        self.apps = apps
        self.store = store
        self.settings = settings
        self.force_sync = force_sync

    @property
    def learning(self) -> Learning:
        """The quiz features (daily, practice, stats, leaderboard); `studybot run` always builds them over its store."""
        if self.apps.learning is None:
            raise RuntimeError("this bot was built without the learning layer")
        return self.apps.learning

    async def exam_of(self, guild_id: int | None, typed: str | None = None) -> str:
        """The exam a command is about: the one typed, else the server's (its /daily setup's), else the default.
        Raises UnknownExam (answered by the one error handler) for an exam the bot does not serve."""
        if self.apps.learning is None:
            return self.apps.get().exam
        return await self.learning.exam_of(guild_id, typed)

    async def autocomplete_app(self, interaction: discord.Interaction) -> StudyApp:
        """The features of the exam an autocomplete is for: the `exam` option as typed so far, else the server's."""
        try:
            return self.apps.get(await self.exam_of(interaction.guild_id, getattr(interaction.namespace, "exam", None)))
        except UnknownExam:
            return await self.app_for(interaction.guild_id)

    async def app_for(self, guild_id: int | None) -> StudyApp:
        """The features of the exam a server studies; in a DM, the default exam's."""
        return self.apps.get(await self.exam_of(guild_id))

    async def setup_hook(self) -> None:
        for exam in self.apps.exams:  # build every ask index now rather than on the first question
            self.apps.get(exam).asker  # noqa: B018
        for name in extension_names():
            await self.load_extension(name)
        await self.sync_commands()

    async def sync_commands(self) -> None:
        """Global by default (Discord may take a while to show changes); to the dev guilds instantly when configured.
        Only a command tree that changed since its last sync is sent (its hash is kept in the database), unless
        `force_sync` (`studybot sync`): every start would otherwise upload the same commands again."""
        guilds = [discord.Object(guild_id) for guild_id in self.settings.dev_guild_ids] or [None]
        for guild in guilds:
            if guild is not None:
                self.tree.copy_global_to(guild=guild)
            where = "globally" if guild is None else f"to dev guild {guild.id}"
            scope = f"{self.application_id}:{'global' if guild is None else f'guild:{guild.id}'}"
            digest = tree_hash(self.tree, guild)
            if not self.force_sync and await self.store.command_syncs.synced_hash(scope) == digest:
                log.info("commands unchanged since their last sync %s; not synced again", where)
                continue
            synced = await self.tree.sync(guild=guild)
            await self.store.command_syncs.record(scope, digest, discord.utils.utcnow())
            log.info("synced %d commands %s", len(synced), where)

    async def on_message(self, message: discord.Message, /) -> None:
        """Slash commands only: a message that mentions the bot is a question for the ask cog, never a prefix command."""

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        await on_event_error(event_method, args)


def tree_hash(tree: app_commands.CommandTree, guild: discord.abc.Snowflake | None) -> str:
    """A digest of exactly what a sync would send for this scope."""
    payload = sorted((command.to_dict(tree) for command in tree.get_commands(guild=guild)), key=lambda command: command["name"])
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def study_bot(interaction: discord.Interaction) -> StudyBotBase:
    """The bot an interaction came to: buttons and menus outlive any cog instance, so they reach the app this way."""
    client = interaction.client
    assert isinstance(client, StudyBotBase)
    return client


class StudyBot(StudyBotBase, commands.Bot):
    """One gateway connection: enough below about 2,500 guilds."""


class ShardedStudyBot(StudyBotBase, commands.AutoShardedBot):
    """As many shards as Discord recommends (`discord.auto_shard: true`)."""


def create_bot(apps: StudyApps, store: Store, settings: DiscordSettings, **options: Any) -> StudyBotBase:
    """An `AutoShardedBot` when `discord.auto_shard` is set, so a large deployment is a config change; with
    `discord.shard_ids` / `shard_count` (or `studybot run --shard-ids 0-3 --shard-count 8`), just those shards, as
    one process of a cluster sharing one PostgreSQL database."""
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False  # no voice features: no warning about voice libraries
    if (shards := settings.shards) is not None:
        log.info("running %s", shards)
        return ShardedStudyBot(apps, store, settings, shard_ids=sorted(shards.ids), shard_count=shards.count, **options)
    cls = ShardedStudyBot if settings.auto_shard else StudyBot
    return cls(apps, store, settings, **options)
