"""What the daily-question scenarios share: a guild with an admin and learners, and helpers that read the bot's
posts and private replies the way a member sees them.

Virtual time starts on Thursday 2026-01-01 at 00:00 UTC; the guilds post at 09:00 Europe/Paris (08:00 UTC).
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import discord
import simcord
from simcord.actors import _component_click, _component_select

from bot.config import DiscordSettings
from bot.discord.errors import refusal_text
from bot.knowledge.questions import OPTION_LETTERS, Question
from tests.e2e.world import BaseWorld

HOUR = 3600
# The scheduler checks hourly in these scenarios (fewer passes to simulate): SETTINGS of a scenario module.
HOURLY = DiscordSettings(ask_cooldown_seconds=30, scheduler_interval_seconds=HOUR)
START = datetime(2026, 1, 1, tzinfo=UTC)
POST_AT = START + timedelta(hours=8)  # 09:00 in Paris
REFUSED = refusal_text(["manage_guild"])
PING = re.compile(r"@(everyone|here)|<@[!&]?\d+>")
ADMIN_COMMANDS = [
    "daily setup", "daily pause", "daily resume", "daily now", "daily status", "daily reports list", "daily reports resolve",
]


@dataclass
class World(BaseWorld):
    learners: simcord.RoleHandle
    ada: simcord.MemberActor  # has Manage Server
    alice: simcord.MemberActor
    bob: simcord.MemberActor

    def member(self, name: str) -> simcord.MemberActor:
        return self.guild.add_member(self.env.create_user(name))

    async def set_up(self, **options: object) -> simcord.InteractionResult:
        chosen = {"channel": self.channel, "time": "09:00", "timezone": "Europe/Paris", **options}
        return await self.ada.slash(self.channel, "daily setup", **chosen)


def make_world(env: simcord.Env, name: str = "Study Group") -> World:
    """A guild with an admin (ada, Manage Server), two learners, a daily channel and a role to ping."""
    guild = env.create_guild(name)
    admins = guild.create_role("Admins", permissions=discord.Permissions(manage_guild=True))
    ada = guild.add_member(env.create_user("ada"), roles=[admins])
    alice, bob = (guild.add_member(env.create_user(name)) for name in ("alice", "bob"))
    return World(env, guild, guild.create_text_channel("daily"), guild.create_role("Learners"), ada, alice, bob)


def stamp(moment: datetime) -> str:
    return f"<t:{int(moment.timestamp())}:f>"


def reply(result: simcord.InteractionResult) -> discord.Embed:
    assert result.ephemeral and result.response and len(result.response.embeds) == 1
    return result.response.embeds[0]


def text(result: simcord.InteractionResult) -> str:
    assert result.ephemeral and result.response
    return result.response.content or ""


def fields(embed: discord.Embed) -> dict[str, str]:
    return {field.name or "": field.value or "" for field in embed.fields}


def daily_posts(channel: simcord.ChannelHandle) -> list[discord.Message]:
    return [message for message in channel.history() if message.author.bot and message.embeds
            and (message.embeds[0].title or "").startswith("Question of the day")]


def the_post(channel: simcord.ChannelHandle) -> discord.Message:
    [post] = daily_posts(channel)
    return post


def question_of(world: World, post: discord.Message) -> Question:
    """The question a post shows, by the id in its footer."""
    match = re.match(r"Question (\S+) ·", post.embeds[0].footer.text or "")
    assert match, post.embeds[0].footer.text
    question = world.learning.courses.get().bank.get(match[1])
    assert question is not None
    return question


def right_letters(question: Question) -> str:
    return "".join(OPTION_LETTERS[index] for index in question.answer)


def wrong_letters(question: Question) -> str:
    """A wrong answer of the right size: a wrong option (with a right one when two are wanted)."""
    wrong = next(OPTION_LETTERS[index] for index, option in enumerate(question.options) if not option.correct)
    return "".join(sorted(wrong + right_letters(question)[: len(question.answer) - 1]))


def controls(post: discord.Message) -> list[dict[str, object]]:
    return [child.to_dict() for row in post.components for child in row.children]  # type: ignore[attr-defined]


async def answer(actor: simcord.MemberActor, post: discord.Message, letters: str) -> simcord.InteractionResult:
    """Click the option's button, or pick the options in the menu of a "choose two" question."""
    if any(control["type"] == 3 for control in controls(post)):
        return await actor.select(post, list(letters))
    return await actor.click(post, label=letters)


async def answer_together(env: simcord.Env, post: discord.Message, answers: list[tuple[simcord.MemberActor, str]]) -> list[
    simcord.InteractionResult
]:
    """Every click reaches the bot before it has answered any: simcord's public verbs each wait for the bot to settle,
    so this drives its click and select steps (in the pinned simcord 3.2.1) side by side under one operation."""
    menu = any(control["type"] == 3 for control in controls(post))
    env._begin_operation("click")
    try:
        return list(await asyncio.gather(*(
            _component_select(actor, post, list(letters), custom_id=None)
            if menu else _component_click(actor, post, label=letters, custom_id=None)
            for actor, letters in answers
        )))
    finally:
        env._end_operation()


async def posted(world: World, **options: object) -> discord.Message:
    """Set the guild up and let the scheduler post its first question at 09:00 Paris time."""
    await world.set_up(**options)
    await world.env.advance_time((POST_AT - world.env.now()).total_seconds())
    return the_post(world.channel)
