"""What every simulator scenario holds: the simulated Discord, one guild and channel, and the real bot in it."""

from __future__ import annotations

from dataclasses import dataclass

import simcord

from bot.app.learning import Learning
from bot.discord.client import StudyBotBase


@dataclass
class BaseWorld:
    env: simcord.Env
    guild: simcord.GuildHandle
    channel: simcord.ChannelHandle

    @property
    def bot(self) -> StudyBotBase:
        assert isinstance(self.env.bot, StudyBotBase)
        return self.env.bot

    @property
    def learning(self) -> Learning:
        return self.bot.learning


def seen(result: simcord.InteractionResult) -> simcord.ResponseMessage:
    """The reply the member sees: the response, or, for a private reply to a command acknowledged in public, the
    follow-up that replaced the removed "thinking…" (see `bot.discord.replies`)."""
    if result.response is not None:
        return result.response
    [private] = result.followups
    assert private.ephemeral
    return private
