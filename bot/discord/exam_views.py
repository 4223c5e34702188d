"""The mock exam's controls. Every button and menu is a DynamicItem whose custom_id carries the exam, the question and
the action, so a click works after a restart and in any process: the exam itself is in the store. A click is
acknowledged first, then the exam is asked, then the one message is edited in place; a click on somebody else's exam
is refused privately. An ordering or matching question's Answer button opens its form instead (that is the click's
acknowledgement); the cog routes the form's submit to `act` like a click."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.discord.answer_forms import open_form
from bot.discord.client import study_bot
from bot.discord.embeds import CHOICE, fit
from bot.discord.errors import component_errors, tell
from bot.discord.exam_embeds import confirm_embed, item_embed, overview_embed, result_embed, screen_embed
from bot.quiz.exam import ExamError
from bot.quiz.exam_screens import ExamOverview, ExamResult, ExamScreen, Shown

ACTIONS = "[A-F]|prev|next|flag|review|submit|confirm|back|result|answer"
BUTTON = rf"exam:(?P<exam>\d{{1,18}}):(?P<position>\d{{1,3}}):(?P<action>{ACTIONS})"
# An ordering or matching question's form: its Answer button's custom_id.
FORM = r"exam:(?P<exam>\d{1,18}):(?P<position>\d{1,3}):answer"
PICK = r"exam:(?P<exam>\d{1,18}):(?P<position>\d{1,3}):pick"
GOTO = r"exam:(?P<exam>\d{1,18}):goto"
MENU_OPTIONS = 25
# Position 0 in a custom_id: "where the learner is" for questions, "the summary" for the result.
HERE = 0

Screen = tuple[discord.Embed, discord.ui.View]


def render(shown: Shown | ExamOverview) -> Screen:
    if isinstance(shown, ExamResult):
        return result_embed(shown), result_view(shown)
    if isinstance(shown, ExamOverview):
        return overview_embed(shown), overview_view(shown)
    return screen_embed(shown), screen_view(shown)


async def act(interaction: discord.Interaction, exam_id: int, position: int, action: str, values: list[str]) -> None:
    """Acknowledge the click, ask the exam, edit the exam message; a refusal goes privately to the clicker."""
    await interaction.response.defer()
    exam, user = study_bot(interaction).learning.exam, interaction.user.id
    where = position or None
    try:
        if action == "result":
            result = await exam.result(exam_id, user)
            screen = (result_embed(result), result_view(result)) if position == HERE else item_screen(result, position)
        elif action == "submit":
            overview = await exam.overview(exam_id, user)
            pending = isinstance(overview, ExamOverview) and overview.unanswered
            screen = (confirm_embed(overview), confirm_view(exam_id)) if pending else render(await exam.submit(exam_id, user))
        elif action == "confirm":
            screen = render(await exam.submit(exam_id, user))
        elif action == "review":
            screen = render(await exam.overview(exam_id, user))
        elif action in ("prev", "next"):
            screen = render(await exam.step(exam_id, user, -1 if action == "prev" else +1))
        elif action == "flag":
            screen = render(await exam.flag(exam_id, user, position))
        elif action == "back":
            screen = render(await exam.show(exam_id, user, where))
        else:  # an answer: one letter, the letters picked in the menu, or what was typed in the form
            screen = render(await exam.answer(exam_id, user, position, " ".join(values) or action))
    except ExamError as error:
        await tell(interaction, str(error))
        return
    await interaction.edit_original_response(embed=screen[0], view=screen[1])


def item_screen(result: ExamResult, number: int) -> Screen:
    number = min(max(number, 1), result.total)
    return item_embed(result.items[number - 1], result.total), item_view(result, number)


def _button(
    exam_id: int, position: int, action: str, label: str, style: discord.ButtonStyle, *, disabled: bool = False, row: int = 1
) -> ExamButton:
    return ExamButton(exam_id, position, action, label=label, style=style, disabled=disabled, row=row)


class ExamButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=BUTTON):
    def __init__(
        self, exam_id: int, position: int, action: str, *, label: str = "", style: discord.ButtonStyle = discord.ButtonStyle.secondary,
        disabled: bool = False, row: int | None = None,
    ) -> None:
        custom_id = f"exam:{exam_id}:{position}:{action}"
        super().__init__(discord.ui.Button(label=label or action, style=style, custom_id=custom_id, disabled=disabled, row=row))
        self.exam_id, self.position, self.action = exam_id, position, action

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /) -> ExamButton:
        return cls(int(match["exam"]), int(match["position"]), match["action"])

    @component_errors
    async def callback(self, interaction: discord.Interaction) -> None:
        if self.action == "answer":
            await open_answer_form(interaction, self.exam_id, self.position, self.custom_id)
            return
        await act(interaction, self.exam_id, self.position, self.action, [])


async def open_answer_form(interaction: discord.Interaction, exam_id: int, position: int, custom_id: str) -> None:
    """The form of an ordering or matching question; when the exam takes no answer there (not theirs, over, out of
    time), the exam is shown as it stands instead, or the refusal."""
    question = await study_bot(interaction).learning.exam.question(exam_id, interaction.user.id, position)
    if question is None:
        await act(interaction, exam_id, position, "back", [])
        return
    await open_form(interaction, custom_id, question)


class ExamPick(discord.ui.DynamicItem[discord.ui.Select[Any]], template=PICK):
    """A multiple-response question: a menu that takes exactly as many options as the question wants."""

    def __init__(self, exam_id: int, position: int, menu: discord.ui.Select[Any]) -> None:
        super().__init__(menu)
        self.exam_id, self.position = exam_id, position

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /) -> ExamPick:
        if not isinstance(item, discord.ui.Select):
            raise TypeError("an exam answer menu must be a select menu")
        return cls(int(match["exam"]), int(match["position"]), item)

    @component_errors
    async def callback(self, interaction: discord.Interaction) -> None:
        await act(interaction, self.exam_id, self.position, "pick", list(self.item.values))


class ExamGoto(discord.ui.DynamicItem[discord.ui.Select[Any]], template=GOTO):
    """The review screen's menu of questions to go back to (flagged, then unanswered)."""

    def __init__(self, exam_id: int, menu: discord.ui.Select[Any]) -> None:
        super().__init__(menu)
        self.exam_id = exam_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /) -> ExamGoto:
        if not isinstance(item, discord.ui.Select):
            raise TypeError("an exam question menu must be a select menu")
        return cls(int(match["exam"]), item)

    @component_errors
    async def callback(self, interaction: discord.Interaction) -> None:
        chosen = self.item.values[0] if self.item.values else ""
        await act(interaction, self.exam_id, int(chosen) if chosen.isdecimal() and len(chosen) <= 3 else HERE, "back", [])


DYNAMIC_ITEMS = (ExamButton, ExamPick, ExamGoto)


def screen_view(screen: ExamScreen) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    exam_id, position, question = screen.exam_id, screen.position, screen.view
    if question.ordered:
        style = discord.ButtonStyle.success if screen.chosen else discord.ButtonStyle.primary
        view.add_item(_button(exam_id, position, "answer", "Answer", style, row=0))
    elif question.multiple:
        options = [
            discord.SelectOption(label=letter, value=letter, description=fit(text, CHOICE), default=letter in screen.chosen)
            for letter, text in question.options
        ]
        menu: discord.ui.Select[Any] = discord.ui.Select(
            custom_id=f"exam:{exam_id}:{position}:pick", options=options, min_values=question.choose, max_values=question.choose,
            placeholder=f"Choose {question.choose} options", row=0,
        )
        view.add_item(ExamPick(exam_id, position, menu))
    else:
        for letter, _ in question.options:
            style = discord.ButtonStyle.success if letter == screen.chosen else discord.ButtonStyle.primary
            view.add_item(_button(exam_id, position, letter, letter, style, row=0))
    view.add_item(_button(exam_id, position, "prev", "◀ Previous", discord.ButtonStyle.secondary, disabled=position == 1))
    view.add_item(_button(exam_id, position, "next", "Next ▶", discord.ButtonStyle.secondary, disabled=position == screen.total))
    view.add_item(_button(exam_id, position, "flag", "Unflag" if screen.flagged else "🚩 Flag", discord.ButtonStyle.secondary))
    view.add_item(_button(exam_id, position, "review", "Review", discord.ButtonStyle.secondary))
    view.add_item(_button(exam_id, position, "submit", "Submit", discord.ButtonStyle.danger))
    return view


def overview_view(overview: ExamOverview) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    exam_id = overview.exam_id
    pending = list(dict.fromkeys([*overview.flagged, *overview.unanswered]))[:MENU_OPTIONS]
    if pending:
        options = [
            discord.SelectOption(label=f"Question {number}", value=str(number),
                                 description="flagged" if number in overview.flagged else "unanswered")
            for number in pending
        ]
        menu: discord.ui.Select[Any] = discord.ui.Select(
            custom_id=f"exam:{exam_id}:goto", options=options, placeholder="Go to question…", row=0
        )
        view.add_item(ExamGoto(exam_id, menu))
    view.add_item(_button(exam_id, HERE, "back", "Back to the question", discord.ButtonStyle.secondary))
    view.add_item(_button(exam_id, HERE, "submit", "Submit", discord.ButtonStyle.danger))
    return view


def confirm_view(exam_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(_button(exam_id, HERE, "confirm", "Submit anyway", discord.ButtonStyle.danger))
    view.add_item(_button(exam_id, HERE, "review", "Back to the review", discord.ButtonStyle.secondary))
    return view


def result_view(result: ExamResult) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    first = next((item.position for item in result.items if not item.correct), 1)
    view.add_item(_button(result.exam_id, first, "result", "Review the questions ▶", discord.ButtonStyle.primary))
    return view


def item_view(result: ExamResult, number: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    exam_id = result.exam_id
    view.add_item(_button(exam_id, max(number - 1, 1), "result", "◀ Previous", discord.ButtonStyle.secondary, disabled=number == 1))
    view.add_item(_button(exam_id, min(number + 1, result.total), "result", "Next ▶", discord.ButtonStyle.secondary,
                          disabled=number == result.total))
    view.add_item(_button(exam_id, HERE, "result", "Summary", discord.ButtonStyle.secondary))
    return view
