"""The Discord side of the daily scheduler: send a post, edit it into its closing, and say how it went.

Discord's answer is sorted in three: sent; refused (403, 404: permissions or a channel or message gone, which a retry
soon will not change); or failed (a server error, a rate limit discord.py gave up on, a timeout: worth another try).
What to do about each is the scheduler's business (`bot.quiz.daily_scheduler`).
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

import aiohttp
import discord

from bot.discord.daily_embeds import posting_embed, reveal_embed
from bot.discord.daily_views import closed_view, open_view
from bot.quiz.daily import Posting, Reveal
from bot.quiz.daily_scheduler import Delivery, Failed, Refused, Sent


async def deliver(call: Awaitable[discord.Message]) -> Delivery:
    try:
        message = await call
    except (discord.Forbidden, discord.NotFound) as error:
        return Refused(f"{error.status} {error.text}".strip())
    except discord.HTTPException as error:
        return Failed(f"{error.status} {error.text}".strip())
    except (aiohttp.ClientError, TimeoutError) as error:
        return Failed(str(error) or type(error).__name__)
    return Sent(message.id)


class DiscordPublisher:
    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def send(self, posting: Posting) -> Delivery:
        post = posting.post
        if post.channel_id is None:
            return Refused("no channel")
        channel = self.client.get_partial_messageable(post.channel_id, guild_id=post.guild_id)
        ping: dict[str, Any] = {}
        if posting.role_id:  # the one message allowed to ping, and only that role
            role = discord.Object(posting.role_id)
            ping = {"content": f"<@&{role.id}>", "allowed_mentions": discord.AllowedMentions(roles=[role])}
        # The nonce lets Discord drop a second send of the same post (a crash before its message id was recorded).
        return await deliver(channel.send(embed=posting_embed(posting), view=open_view(posting), nonce=f"daily-{post.post_id}", **ping))

    async def show_closing(self, reveal: Reveal) -> Delivery:
        """Edit the post in place: controls disabled, the answer, the explanation and how the guild answered."""
        post = reveal.post
        assert post.channel_id is not None and post.message_id is not None  # the scheduler closes unsent posts itself
        message = self.client.get_partial_messageable(post.channel_id, guild_id=post.guild_id).get_partial_message(post.message_id)
        return await deliver(message.edit(embed=reveal_embed(reveal), view=closed_view(reveal)))

