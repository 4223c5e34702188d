"""The daily post's buttons and menu. They are DynamicItems whose custom_ids carry the post id (and the option), so
a click is understood by any bot process, before or after a restart, with nothing kept in memory: the cog registers
the classes when it loads. A click only reads what was chosen and shows what `Learning.daily.answer` says. An
ordering or matching question has one Answer button instead, which opens its form (`answer_forms`); the cog routes
the form's submit to the same `answer`."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.discord.answer_forms import open_form
from bot.discord.client import study_bot
from bot.discord.custom_ids import ID, INVALID, number
from bot.discord.daily_embeds import answer_embed
from bot.discord.embeds import CHOICE, fit
from bot.discord.errors import component_errors
from bot.discord.replies import acknowledge, respond, tell
from bot.quiz.daily import Posting, Reveal
from bot.quiz.views import QuestionView


async def answer(interaction: discord.Interaction, post_id: int | None, text: str) -> None:
    """Record the click's answer and reply privately: feedback, what was answered before, or that it is closed.
    Acknowledged first: the answer is written to the store, which may be slow."""
    if post_id is None:
        await tell(interaction, INVALID)
        return
    await acknowledge(interaction, ephemeral=True)
    result = await study_bot(interaction).learning.daily.answer(
        post_id, interaction.user.id, interaction.user.display_name, text, guild_id=interaction.guild_id
    )
    await respond(interaction, embed=answer_embed(result), ephemeral=True)


class OptionButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=rf"daily:(?P<post>{ID}):(?P<letter>[A-F])"):
    """One option of a one-answer question."""

    def __init__(
        self, post: int | str, letter: str, *, style: discord.ButtonStyle = discord.ButtonStyle.primary, disabled: bool = False
    ) -> None:
        super().__init__(discord.ui.Button(label=letter, style=style, custom_id=f"daily:{post}:{letter}", disabled=disabled))
        self.post_id, self.letter = number(str(post)), letter

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /) -> OptionButton:
        return cls(match["post"], match["letter"])

    @component_errors
    async def callback(self, interaction: discord.Interaction) -> None:
        await answer(interaction, self.post_id, self.letter)


class OptionMenu(discord.ui.DynamicItem[discord.ui.Select[Any]], template=rf"daily:(?P<post>{ID})"):
    """A "choose two" question: one menu that takes exactly as many options as the question wants."""

    def __init__(self, post: int | str, menu: discord.ui.Item[Any]) -> None:
        super().__init__(menu)  # type: ignore[arg-type]  # a forged id may put this id on a button: refused in callback
        self.post_id = number(str(post))

    @classmethod
    def build(cls, post_id: int, question: QuestionView, *, placeholder: str = "", disabled: bool = False) -> OptionMenu:
        options = [discord.SelectOption(label=letter, value=letter, description=fit(text, CHOICE)) for letter, text in question.options]
        menu: discord.ui.Select[Any] = discord.ui.Select(
            custom_id=f"daily:{post_id}", options=options, min_values=question.choose, max_values=question.choose,
            placeholder=placeholder or f"Choose {question.choose} options", disabled=disabled,
        )
        return cls(post_id, menu)

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /) -> OptionMenu:
        return cls(match["post"], item)

    @component_errors
    async def callback(self, interaction: discord.Interaction) -> None:
        menu = self.item
        await answer(interaction, self.post_id if isinstance(menu, discord.ui.Select) else None, " ".join(getattr(menu, "values", [])))


FORM = rf"daily:(?P<post>{ID}):answer"


class FormButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=FORM):
    """An ordering or matching question: opens the form its answer is typed in. The form has the button's custom_id,
    and its submit comes back to `answer` through the cog."""

    def __init__(self, post: int | str, *, label: str = "Answer", disabled: bool = False) -> None:
        style = discord.ButtonStyle.secondary if disabled else discord.ButtonStyle.primary
        super().__init__(discord.ui.Button(label=label, style=style, custom_id=f"daily:{post}:answer", disabled=disabled))
        self.post_id = number(str(post))

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /) -> FormButton:
        return cls(match["post"])

    @component_errors
    async def callback(self, interaction: discord.Interaction) -> None:
        question = None
        if self.post_id is not None:
            question = await study_bot(interaction).learning.daily.question(self.post_id, interaction.guild_id)
        if question is None:  # nothing to answer (gone, closed, withdrawn, elsewhere): the answer path says which
            await answer(interaction, self.post_id, "")
            return
        await open_form(interaction, self.custom_id, question)


DYNAMIC_ITEMS = (OptionButton, OptionMenu, FormButton)


def open_view(posting: Posting) -> discord.ui.View:
    """One button per option, a menu for "choose two", or the Answer button of an ordering or matching question."""
    view = discord.ui.View(timeout=None)
    post_id, question = posting.post.post_id, posting.view
    if question.ordered:
        view.add_item(FormButton(post_id))
    elif question.multiple:
        view.add_item(OptionMenu.build(post_id, question))
    else:
        for letter, _ in question.options:
            view.add_item(OptionButton(post_id, letter))
    return view


def closed_view(reveal: Reveal) -> discord.ui.View:
    """The same controls, disabled, with the right answer picked out (green buttons, or named in the menu or on the
    Answer button); none for a question that left the bank."""
    view = discord.ui.View(timeout=None)
    post_id, question = reveal.post.post_id, reveal.view
    if question is None:
        return view
    if question.ordered:
        view.add_item(FormButton(post_id, label=f"Closed · the answer was {reveal.right}", disabled=True))
    elif question.multiple:
        view.add_item(OptionMenu.build(post_id, question, placeholder=f"Closed · the answer was {reveal.right}", disabled=True))
    else:
        for letter, _ in question.options:
            style = discord.ButtonStyle.success if letter in reveal.right else discord.ButtonStyle.secondary
            view.add_item(OptionButton(post_id, letter, style=style, disabled=True))
    return view
