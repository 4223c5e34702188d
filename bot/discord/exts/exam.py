"""/exam: a private, timed mock exam in the learner's DMs, where it outlives the 15-minute life of an interaction
token, the two or three hours of the exam and any restart. One loop submits the exams whose time ran out and shows the
result in place. Everything the exam knows lives in `Learning.exam` and the store; this cog only talks to Discord."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.discord.answer_forms import on_form
from bot.discord.client import StudyBotBase
from bot.discord.embeds import exam_choices, message_text
from bot.discord.errors import component_errors
from bot.discord.exam_embeds import EXAM, history_embed, result_embed, screen_embed
from bot.discord.exam_views import DYNAMIC_ITEMS, FORM, act, result_view, screen_view
from bot.limits import NAME_CHARS
from bot.quiz.exam import ExamError
from bot.quiz.exam_screens import ExamResult

log = logging.getLogger(__name__)

NO_DMS = (
    "I can't send you direct messages, and the exam runs there so that it can last hours. Allow direct messages "
    "from this server's members (Server menu → Privacy Settings) and try again."
)


class Exam(commands.Cog):
    exam = app_commands.Group(name="exam", description="A timed mock exam in your DMs, scored per domain")

    def __init__(self, bot: StudyBotBase) -> None:
        self.bot = bot
        self.sweep.change_interval(seconds=bot.settings.scheduler_interval_seconds)

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(*DYNAMIC_ITEMS)
        self.sweep.start()

    async def cog_unload(self) -> None:
        self.sweep.cancel()
        self.bot.remove_dynamic_items(*DYNAMIC_ITEMS)

    @commands.Cog.listener()
    @component_errors
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """The answer form of an ordering or matching question, submitted: answered like a click."""
        await on_form(interaction, FORM, lambda match, text: act(interaction, int(match["exam"]), int(match["position"]), "answer", [text]))

    @tasks.loop(seconds=30)
    async def sweep(self) -> None:
        """Submit every exam whose time is up and show its result where the exam was; one failure stops no other."""
        try:
            ended = await self.bot.learning.exam.expire_overdue()
        except Exception:
            log.exception("exam sweep failed; trying again next time")
            return
        for user_id, result in ended:
            try:
                await self.show_result(user_id, result)
            except discord.HTTPException as error:
                log.warning("could not show the timed-out exam %s of user %s: %s", result.exam_id, user_id, error)

    @sweep.before_loop
    async def _wait_until_ready(self) -> None:
        await self.bot.wait_until_ready()

    async def show_result(self, user_id: int, result: ExamResult) -> None:
        record = await self.bot.learning.store.exams.get(result.exam_id)
        if record and record.channel_id and record.message_id:
            message = self.bot.get_partial_messageable(record.channel_id).get_partial_message(record.message_id)
            try:
                await message.edit(embed=result_embed(result), view=result_view(result))
                return
            except discord.NotFound:
                pass  # the learner deleted the exam message: send the result afresh
        user = await self.bot.fetch_user(user_id)
        await user.send(embed=result_embed(result), view=result_view(result))

    @exam.command(description="Start a timed mock exam in your DMs, with the real exam's length, time limit and domain weights")
    @app_commands.describe(exam="the exam to sit (default: the one this server studies)")
    async def start(self, interaction: discord.Interaction, exam: app_commands.Range[str, 1, NAME_CHARS] | None = None) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        chosen = await self.bot.exam_of(interaction.guild_id, exam)
        exams = self.bot.learning.exam
        current = await exams.open_exam(interaction.user.id)
        if current:
            link = f"https://discord.com/channels/@me/{current.channel_id}/{current.message_id}"
            where = f" It is in your DMs: {link}" if current.message_id else ""
            text = f"You already have an exam under way.{where} Finish it, or `/exam abandon` it first."
            await interaction.followup.send(text, ephemeral=True)
            return
        try:
            message = await interaction.user.send(embed=discord.Embed(description="Preparing your exam…", colour=EXAM))
        except discord.Forbidden:
            await interaction.followup.send(NO_DMS, ephemeral=True)
            return
        try:
            screen = await exams.start(interaction.user.id, interaction.user.display_name, chosen)
        except ExamError as error:
            await message.edit(embed=discord.Embed(description=message_text(str(error)), colour=EXAM))
            await interaction.followup.send(message_text(str(error)), ephemeral=True)
            return
        await self.bot.learning.store.exams.set_message(screen.exam_id, message.channel.id, message.id)
        await message.edit(embed=screen_embed(screen), view=screen_view(screen))
        minutes = exams.format(chosen).minutes
        await interaction.followup.send(
            f"Your {screen.exam} exam is in your DMs: {message.jump_url}\n"
            f"{screen.total} questions, {minutes} minutes, and the clock is running. "
            "Exams earn no leaderboard points; missed questions come back in /practice.",
            ephemeral=True,
        )

    @start.autocomplete("exam")
    async def _exams(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return exam_choices(self.bot.apps.infos(), current)

    @exam.command(description="Your past mock exams and their scores")
    async def history(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True)
        await interaction.followup.send(embed=history_embed(await self.bot.learning.exam.history(interaction.user.id)), ephemeral=True)

    @exam.command(description="Drop your exam under way, without a score")
    async def abandon(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True)
        exam = self.bot.learning.exam
        record = await exam.open_exam(interaction.user.id)
        if record is None or not await exam.abandon(interaction.user.id):
            await interaction.followup.send("You have no exam under way.", ephemeral=True)
            return
        if record.channel_id and record.message_id:
            message = self.bot.get_partial_messageable(record.channel_id).get_partial_message(record.message_id)
            try:
                await message.edit(embed=discord.Embed(description="This exam was abandoned.", colour=EXAM), view=None)
            except discord.HTTPException as error:
                log.info("could not mark exam %s abandoned in its message: %s", record.exam_id, error)
        await interaction.followup.send("Exam abandoned: it earns no score. `/exam start` whenever you are ready.", ephemeral=True)


async def setup(bot: StudyBotBase) -> None:
    await bot.add_cog(Exam(bot))
