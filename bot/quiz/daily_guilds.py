"""What happens to a guild's daily schedule when the guild or its channel goes away, or Discord keeps refusing.

Every attempt Discord refuses counts toward its invalid-request limit (10,000 per 10 minutes for the whole bot), so
the bot stops trying where it cannot succeed: it pauses the schedule itself, keeps why and since when (shown by
`/daily status`), and keeps the guild's scores. Being invited back resumes a schedule paused because the bot left.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from datetime import timedelta

from bot.quiz.clock import Clock
from bot.store.records import PauseReason
from bot.store.store import Store

log = logging.getLogger(__name__)

# A channel that has refused every post for this long is paused: missing permissions nobody fixed, or a channel gone.
REFUSALS_BEFORE_PAUSE = timedelta(days=3)


class DailyGuilds:
    def __init__(self, store: Store, clock: Clock) -> None:
        self.store, self.clock = store, clock

    async def pause(self, guild_id: int, reason: PauseReason) -> None:
        log.info("daily: the schedule of guild %s is paused (%s)", guild_id, reason.value)
        await self.store.posts.set_pause(guild_id, True, reason, self.clock.now())

    async def left(self, guild_id: int) -> None:
        """The bot was removed from the guild. An admin's own pause stays theirs (so an invitation back resumes nothing)."""
        settings = await self.store.posts.settings(guild_id)
        if settings is not None and (not settings.paused or settings.paused_by_bot):
            await self.pause(guild_id, PauseReason.LEFT_GUILD)

    async def channel_deleted(self, guild_id: int, channel_id: int) -> None:
        """A channel is gone: its open posts can never be closed there, and a schedule posting there is paused until
        `/daily setup` names another channel."""
        await self.store.posts.close_in_channel(channel_id)
        settings = await self.store.posts.settings(guild_id)
        if settings is not None and settings.channel_id == channel_id and settings.pause_reason is not PauseReason.CHANNEL_DELETED:
            await self.pause(guild_id, PauseReason.CHANNEL_DELETED)

    async def present(self, guild_id: int, channel_ids: Collection[int]) -> None:
        """The bot is in the guild (it joined, or found it at start-up) and sees these channels."""
        settings = await self.store.posts.settings(guild_id)
        if settings is None or settings.channel_id is None:
            return
        if settings.channel_id not in channel_ids:
            await self.channel_deleted(guild_id, settings.channel_id)
        elif settings.pause_reason is PauseReason.LEFT_GUILD:
            log.info("daily: back in guild %s; its schedule runs again", guild_id)
            await self.store.posts.set_pause(guild_id, False)

    async def reconcile(self, present: Mapping[int, Collection[int] | None]) -> None:
        """At start-up (and after a reconnect that lost the session): the guilds the bot is in, with the channels it
        sees (None for a guild Discord reports unavailable: left alone). Changes made while offline take effect."""
        for settings in await self.store.posts.all_settings():
            try:
                if settings.guild_id not in present:
                    await self.left(settings.guild_id)
                elif (channels := present[settings.guild_id]) is not None:
                    await self.present(settings.guild_id, channels)
            except Exception:
                log.exception("daily: could not check guild %s at start-up", settings.guild_id)

    async def refused(self, guild_id: int) -> bool:
        """Discord refused a post (403 or 404). True when this pauses the schedule: every post refused for days."""
        now = self.clock.now()
        since = await self.store.posts.note_refusal(guild_id, now)
        if since is None or now - since < REFUSALS_BEFORE_PAUSE:
            return False
        await self.pause(guild_id, PauseReason.REFUSED)
        return True

    async def left_guild_ids(self) -> set[int]:
        return {settings.guild_id for settings in await self.store.posts.all_settings() if settings.pause_reason is PauseReason.LEFT_GUILD}
