"""The error handlers: one for app commands, one for events, one for buttons and menus. Errors are logged with
context; the learner gets a short apology (privately where Discord allows), never a stack trace, and the bot keeps
running. An interaction that expired (10062) or was already acknowledged (40060) is not the bot's failure: it is
logged quietly, and nothing is sent that Discord would refuse."""

from __future__ import annotations

import functools
import logging
import math
import sys
from collections.abc import Awaitable, Callable
from contextlib import suppress
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot.discord.replies import already_acknowledged, expired, reply_to, tell
from bot.quiz.courses import UnknownExam

log = logging.getLogger(__name__)

ItemT = TypeVar("ItemT")

APOLOGY = "Sorry, something went wrong on my side. It has been logged; please try again in a moment."


def cooldown_text(retry_after: float) -> str:
    return f"One question at a time: try again in {max(1, math.ceil(retry_after))}s."


def refusal_text(missing: list[str]) -> str:
    """Why a command was refused, naming the permissions as Discord's settings do (manage_guild: Manage Server)."""
    names = " and ".join(name.replace("_", " ").replace("guild", "server").title() for name in missing)
    return f"Only members with the {names} permission can do that; ask a server admin."


class StudyTree(app_commands.CommandTree):
    """The command tree whose `on_error` is the one handler for every app command error."""

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        if isinstance(error, app_commands.CommandOnCooldown):
            await tell(interaction, cooldown_text(error.retry_after))
            return
        if isinstance(error, app_commands.MissingPermissions):  # a refusal, not a failure: nothing to log
            await tell(interaction, refusal_text(error.missing_permissions))
            return
        if isinstance(cause := getattr(error, "original", error), UnknownExam):  # an exam typed that is not served
            await tell(interaction, str(cause))
            return
        command = interaction.command.qualified_name if interaction.command else "(unknown)"
        where = f"/{command} for user {interaction.user.id} in guild {interaction.guild_id}"
        if await handled_quietly(interaction, error, where):
            return
        log.error(
            "/%s failed for user %s in guild %s, channel %s, options %s",
            command, interaction.user.id, interaction.guild_id, interaction.channel_id, dict(iter(interaction.namespace)),
            exc_info=error,
        )
        if interaction.type is not discord.InteractionType.autocomplete:  # an autocomplete cannot show a message
            await tell(interaction, APOLOGY)


async def handled_quietly(interaction: discord.Interaction, error: BaseException, where: str) -> bool:
    """10062: the interaction expired before the bot answered, so nothing more can be sent. 40060: it was answered
    already, so only a follow-up can still reach the member. Logged, not raised as the bot's failure."""
    if expired(error):
        log.info("%s: the interaction expired before it was answered (Discord allows 3 seconds)", where)
        return True
    if already_acknowledged(error):
        log.info("%s: the interaction was already acknowledged; apologising with a follow-up", where)
        await tell(interaction, APOLOGY, follow_up=True)
        return True
    return False


def _context(args: tuple[Any, ...]) -> tuple[str, discord.Message | None]:
    message = next((arg for arg in args if isinstance(arg, discord.Message)), None)
    if message is None:
        return f"{len(args)} argument(s)", None
    return f"message {message.id} from user {message.author.id} in channel {message.channel.id}", message


async def on_event_error(event: str, args: tuple[Any, ...]) -> None:
    """Called from `Client.on_error` (inside its `except`): a refusal (403) is a permission setting, logged as a
    warning; anything else is logged as an error, and the author of the message that caused it gets an apology."""
    error = sys.exc_info()[1]
    where, message = _context(args)
    if isinstance(error, discord.Forbidden):
        log.warning("%s: Discord refused (403) while handling %s; check the bot's permissions there", event, where)
        return
    log.error("%s failed while handling %s", event, where, exc_info=error)
    if message is not None:
        with suppress(discord.HTTPException):
            await reply_to(message, content=APOLOGY)


def component_errors(
    callback: Callable[[ItemT, discord.Interaction], Awaitable[None]],
) -> Callable[[ItemT, discord.Interaction], Awaitable[None]]:
    """For a button or menu callback: discord.py only logs what it raises and leaves the click unanswered, so the
    error is logged here with context and the clicker gets the apology, as for a command."""

    @functools.wraps(callback)
    async def guarded(item: ItemT, interaction: discord.Interaction) -> None:
        try:
            await callback(item, interaction)
        except Exception as error:
            custom_id = (interaction.data or {}).get("custom_id")
            if await handled_quietly(interaction, error, f"component {custom_id} for user {interaction.user.id}"):
                return
            log.error(
                "component %s failed for user %s in guild %s, channel %s",
                custom_id, interaction.user.id, interaction.guild_id, interaction.channel_id, exc_info=error,
            )
            await tell(interaction, APOLOGY)

    return guarded
