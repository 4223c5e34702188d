"""/practice: a private adaptive session, one question at a time, answered with buttons (a menu for "choose two", an
Answer button and its form for an ordering or matching question).

Each button's custom_id carries the session, the step and the option, and the buttons are DynamicItems registered
when the cog loads: a click after a restart finds the session in the store and carries on where it was. A form
carries its Answer button's custom_id, and the cog routes its submit to the same `answer` as a click.
"""

from __future__ import annotations

import re
from contextlib import suppress
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.answer_forms import on_form, open_form
from bot.discord.client import StudyBotBase, study_bot
from bot.discord.custom_ids import ID, INVALID, number
from bot.discord.embeds import CHOICE, domain_choices, exam_choices, fit, message_text
from bot.discord.errors import component_errors
from bot.discord.learning_embeds import question_embed, turn_embeds
from bot.discord.replies import acknowledge, respond, tell
from bot.limits import NAME_CHARS
from bot.quiz.checker import AnswerFormatError
from bot.quiz.practice import DEFAULT_COUNT, MAX_COUNT, PracticeError, PracticeMode, PracticeStep

BUTTON = rf"practice:(?P<session>{ID}):(?P<position>[0-9]{{1,3}}):(?P<letter>[A-F])"
MENU = rf"practice:(?P<session>{ID}):(?P<position>[0-9]{{1,3}})"
FORM = rf"practice:(?P<session>{ID}):(?P<position>[0-9]{{1,3}}):answer"


async def answer(interaction: discord.Interaction, session_id: int | None, position: int, text: str) -> None:
    """Feedback and the next question (or the summary) in place of the question; a refusal privately beside it.
    Acknowledged first: the answer is written to the store, which may be slow."""
    if session_id is None:
        await tell(interaction, INVALID)
        return
    await acknowledge(interaction, update=True)
    practice = study_bot(interaction).learning.practice
    try:
        turn = await practice.answer(session_id, interaction.user.id, text, position)
    except PracticeError as error:
        if isinstance(error.__cause__, AnswerFormatError):  # a typed answer that could not be read: the question stays
            await tell(interaction, str(error))
            return
        await refuse(interaction, session_id, str(error))
        return
    view = answer_view(turn.next_step) if turn.next_step else None
    await interaction.edit_original_response(embeds=turn_embeds(turn), view=view)


async def refuse(interaction: discord.Interaction, session_id: int, reason: str) -> None:
    """Why a click did not count, privately; when it was the learner's own session and it goes on (a button from an
    earlier step), its current question comes too, so they can carry on from there."""
    try:
        step = await study_bot(interaction).learning.practice.current(session_id, interaction.user.id)
    except PracticeError:
        step = None
    if step is None:
        await tell(interaction, reason)
        return
    await respond(interaction, content=message_text(reason), embed=question_embed(step), view=answer_view(step), ephemeral=True)


class AnswerButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=BUTTON):
    def __init__(self, session: int | str, position: int, letter: str) -> None:
        custom_id = f"practice:{session}:{position}:{letter}"
        super().__init__(discord.ui.Button(label=letter, style=discord.ButtonStyle.primary, custom_id=custom_id))
        self.session_id, self.position, self.letter = number(str(session)), position, letter

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /) -> AnswerButton:
        return cls(match["session"], int(match["position"]), match["letter"])

    @component_errors
    async def callback(self, interaction: discord.Interaction) -> None:
        await answer(interaction, self.session_id, self.position, self.letter)


class AnswerMenu(discord.ui.DynamicItem[discord.ui.Select[Any]], template=MENU):
    """A "choose two" question: a menu that takes exactly as many options as the question wants."""

    def __init__(self, session: int | str, position: int, options: list[discord.SelectOption], choose: int) -> None:
        menu: discord.ui.Select[Any] = discord.ui.Select(
            custom_id=f"practice:{session}:{position}", options=options, min_values=choose, max_values=choose,
            placeholder=f"Choose {choose} options",
        )
        super().__init__(menu)
        self.session_id, self.position = number(str(session)), position

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /) -> AnswerMenu:
        if isinstance(item, discord.ui.Select):
            return cls(match["session"], int(match["position"]), item.options, item.min_values)
        forged = cls(match["session"], int(match["position"]), [], 1)  # the menu's id on another control
        forged.session_id = None  # refused when clicked
        return forged

    @component_errors
    async def callback(self, interaction: discord.Interaction) -> None:
        await answer(interaction, self.session_id, self.position, " ".join(self.item.values))


class FormButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=FORM):
    """An ordering or matching question: opens the form its answer is typed in."""

    def __init__(self, session: int | str, position: int) -> None:
        custom_id = f"practice:{session}:{position}:answer"
        super().__init__(discord.ui.Button(label="Answer", style=discord.ButtonStyle.primary, custom_id=custom_id))
        self.session_id, self.position = number(str(session)), position

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /) -> FormButton:
        return cls(match["session"], int(match["position"]))

    @component_errors
    async def callback(self, interaction: discord.Interaction) -> None:
        step = None
        if self.session_id is not None:
            with suppress(PracticeError):
                step = await study_bot(interaction).learning.practice.current(self.session_id, interaction.user.id)
        if step is None or step.position != self.position:  # not theirs, over, or moved on: the answer path says which
            await answer(interaction, self.session_id, self.position, "")
            return
        await open_form(interaction, self.custom_id, step.view)


def answer_view(step: PracticeStep) -> discord.ui.View:
    """One button per option, for "choose two" one menu whose entries show the start of each option, or the Answer
    button of an ordering or matching question."""
    view = discord.ui.View(timeout=None)
    question = step.view
    if question.ordered:
        view.add_item(FormButton(step.session_id, step.position))
    elif question.multiple:
        options = [discord.SelectOption(label=letter, value=letter, description=fit(text, CHOICE)) for letter, text in question.options]
        view.add_item(AnswerMenu(step.session_id, step.position, options, question.choose))
    else:
        for letter, _ in question.options:
            view.add_item(AnswerButton(step.session_id, step.position, letter))
    return view


class Practice(commands.Cog):
    def __init__(self, bot: StudyBotBase) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(AnswerButton, AnswerMenu, FormButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(AnswerButton, AnswerMenu, FormButton)

    @commands.Cog.listener()
    @component_errors
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """The answer form of an ordering or matching question, submitted: answered like a click."""
        await on_form(
            interaction, FORM, lambda match, text: answer(interaction, number(match["session"]), int(match["position"]), text)
        )

    @app_commands.command(description="A private practice session that adapts to what you miss")
    @app_commands.describe(
        domain="an exam domain (empty: all of them)", count=f"how many questions (default {DEFAULT_COUNT})",
        mode="exam-style questions (default) or drills that pit a service against its look-alikes",
        exam="the exam to practise for (default: this server's)",
    )
    @app_commands.choices(mode=[app_commands.Choice(name="exam-style", value="exam"), app_commands.Choice(name="drills", value="drill")])
    async def practice(
        self, interaction: discord.Interaction, domain: app_commands.Range[str, 1, NAME_CHARS] | None = None,
        count: app_commands.Range[int, 1, MAX_COUNT] = DEFAULT_COUNT, mode: str = PracticeMode.EXAM.value,
        exam: app_commands.Range[str, 1, NAME_CHARS] | None = None,
    ) -> None:
        learning = self.bot.learning
        await acknowledge(interaction, ephemeral=True)  # starting a session writes it to the store
        try:
            chosen_exam = await self.bot.exam_of(interaction.guild_id, exam)
            chosen = learning.practice.parse_domain(domain, chosen_exam)
            step = await learning.practice.start(
                interaction.user.id, interaction.user.display_name, chosen, count, learning.practice.parse_mode(mode), chosen_exam
            )
        except PracticeError as error:
            await tell(interaction, str(error))
            return
        await respond(interaction, embed=question_embed(step), view=answer_view(step), ephemeral=True)

    @practice.autocomplete("domain")
    async def _domains(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return domain_choices((await self.bot.autocomplete_app(interaction)).kb.info, current)

    @practice.autocomplete("exam")
    async def _exams(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return exam_choices(self.bot.apps.infos(), current)


async def setup(bot: StudyBotBase) -> None:
    await bot.add_cog(Practice(bot))
