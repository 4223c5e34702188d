"""Answering an interaction: acknowledge before any slow work, then reply by whichever route is still open.

Discord allows 3 seconds for the first response, then 15 minutes of follow-ups. A store read or write can take longer
than 3 seconds on a stalled disk or a busy database, so every handler that touches the store acknowledges first
(`acknowledge`), then does its work, then replies (`respond`, which completes the "thinking…" message). An
interaction that expired before the bot answered (10062) can take nothing more; one already acknowledged, by a retry
or another process (40060), still takes follow-ups. Neither is a bug in the bot: both are logged quietly.
"""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.discord.embeds import message_text

log = logging.getLogger(__name__)

UNKNOWN_INTERACTION = 10062
ALREADY_ACKNOWLEDGED = 40060
ANSWERED_PRIVATELY = "Answered privately."
# Marks an interaction whose "thinking…" is public, so that `respond` knows a private reply cannot complete it.
PUBLIC_THINKING = "studybot.public_thinking"


def error_code(error: BaseException) -> int | None:
    """Discord's JSON error code behind an error, also when a command error wraps it."""
    cause = getattr(error, "original", error)
    return cause.code if isinstance(cause, discord.HTTPException) else None


def expired(error: BaseException) -> bool:
    return error_code(error) == UNKNOWN_INTERACTION


def already_acknowledged(error: BaseException) -> bool:
    return error_code(error) == ALREADY_ACKNOWLEDGED


async def acknowledge(interaction: discord.Interaction, *, ephemeral: bool = False, update: bool = False) -> None:
    """Defer: a "thinking…" message (private when `ephemeral`) that `respond` completes, or with `update` for a click
    that will edit its own message, a silent acknowledgement."""
    if interaction.response.is_done():
        return
    try:
        await interaction.response.defer(ephemeral=ephemeral, thinking=not update)
    except discord.HTTPException as error:
        if not already_acknowledged(error):
            raise
        log.info("interaction %s was already acknowledged; answering it with follow-ups", interaction.id)
        return
    interaction.extras[PUBLIC_THINKING] = not (ephemeral or update)


async def respond(interaction: discord.Interaction, **message: Any) -> None:
    """The reply: the first response if none was sent, else a follow-up (the first one completes "thinking…")."""
    if not interaction.response.is_done():
        try:
            await interaction.response.send_message(**message)
            return
        except discord.HTTPException as error:
            if not already_acknowledged(error):
                raise
            log.info("interaction %s was already acknowledged; sending the reply as a follow-up", interaction.id)
    if interaction.extras.pop(PUBLIC_THINKING, False) and message.get("ephemeral"):
        await reply_privately_after_public_thinking(interaction, message)
        return
    await interaction.followup.send(**message)


async def reply_privately_after_public_thinking(interaction: discord.Interaction, message: dict[str, Any]) -> None:
    """A public "thinking…" keeps its visibility whatever completes it, and Discord takes no follow-up once it is
    deleted unanswered. So it is completed with a placeholder, the reply goes as a private follow-up, and the
    placeholder is removed (a failure there only leaves the placeholder)."""
    await interaction.edit_original_response(content=ANSWERED_PRIVATELY)
    await interaction.followup.send(**message)
    try:
        await interaction.delete_original_response()
    except discord.HTTPException as error:
        log.info("could not remove the placeholder of interaction %s: %s", interaction.id, error)


async def tell(interaction: discord.Interaction, text: str, *, follow_up: bool = False) -> None:
    """A private line, whether or not the interaction was answered already; a failure to send is only logged.
    `follow_up` skips the first-response route (known to be closed)."""
    try:
        if follow_up:
            await interaction.followup.send(message_text(text), ephemeral=True)
        else:
            await respond(interaction, content=message_text(text), ephemeral=True)
    except discord.HTTPException as error:
        level = logging.INFO if expired(error) else logging.WARNING
        log.log(level, "could not reply to interaction %s: %s", interaction.id, error)


async def reply_to(message: discord.Message, **content: Any) -> discord.Message:
    """A reply that pings nobody and still goes out, as a plain message, if the question was deleted meanwhile."""
    reference = message.to_reference(fail_if_not_exists=False)
    return await message.channel.send(reference=reference, mention_author=False, **content)
