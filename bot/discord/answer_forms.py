"""The answer form of an ordering or matching question: a modal opened by the question's Answer button, since letters
in an order cannot be clicked as buttons (and a menu forgets the order they were picked in).

An ordering question gets one text input for its letters, first step first; a matching question one input per item
(at most five, as Discord allows), each taking one letter. When the form has room, it repeats the lettered choices
above the inputs, since a form covers the question on a phone; when five inputs leave none, each input's placeholder
lists them if they fit in one.

No form is kept in memory. It carries the custom_id of the button that opened it (post; session and step; exam and
question), and its submit is routed by that id (`on_form`): a form opened before a restart is answered after it, by
any process, and one form serves every learner of a post. Opening a form is the opening click's acknowledgement;
the submit is acknowledged by the handler it is routed to, before it writes, like a click.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from bot.discord.embeds import fit
from bot.discord.question_text import OPTION
from bot.discord.replies import tell
from bot.limits import ANSWER_CHARS
from bot.quiz.checker import AnswerFormatError
from bot.quiz.views import QuestionView

# Discord's limits for a form: its title, a label and its description, a text display, and its top-level components.
TITLE, LABEL, DESCRIPTION, TEXT_DISPLAY, COMPONENTS = 45, 45, 100, 4000, 5
TITLES = {"ordering": "Put the steps in order", "matching": "Match each item to a letter"}
ORDER_LABEL = "Order, first step first"
ORDER, ITEM = "order", "item:"

Handler = Callable[[re.Match[str], str], Awaitable[None]]


class AnswerForm(discord.ui.Modal):
    """The form for one ordering or matching question; `custom_id` is the opening button's."""

    def __init__(self, custom_id: str, question: QuestionView) -> None:
        super().__init__(title=TITLES.get(question.kind, "Your answer"), custom_id=custom_id)
        inputs = _inputs(question)
        if len(inputs) < COMPONENTS:
            choices = "\n".join(f"**{letter}.** {fit(text, OPTION)}" for letter, text in question.options)
            self.add_item(discord.ui.TextDisplay(fit(choices, TEXT_DISPLAY)))
        for label in inputs:
            self.add_item(label)


def _inputs(question: QuestionView) -> list[discord.ui.Label[Any]]:
    letters = [letter for letter, _ in question.options]
    if not question.items:
        order: discord.ui.TextInput[Any] = discord.ui.TextInput(
            custom_id=ORDER, placeholder=fit(question.example, DESCRIPTION), min_length=len(letters), max_length=ANSWER_CHARS,
        )
        return [discord.ui.Label(text=ORDER_LABEL, component=order)]
    one = f"One letter, {letters[0]} to {letters[-1]}"
    listed = "One of " + ", ".join(f"{letter} {text}" for letter, text in question.options)
    if len(question.items) >= COMPONENTS and len(listed) <= DESCRIPTION:  # no room above the inputs for the choices
        one = listed
    labels = []
    for number, item in enumerate(question.items, 1):
        label = fit(f"{number}. {item}", LABEL)
        match: discord.ui.TextInput[Any] = discord.ui.TextInput(custom_id=f"{ITEM}{number}", placeholder=one, min_length=1, max_length=1)
        # The whole item (or as much as a description holds) where the label had to cut it.
        description = fit(item, DESCRIPTION) if label != f"{number}. {item}" else None
        labels.append(discord.ui.Label(text=label, description=description, component=match))
    return labels


async def open_form(interaction: discord.Interaction, custom_id: str, question: QuestionView) -> None:
    """Answer the click with the question's form. The form is stopped before it is sent so that discord.py does not
    keep it: its submit is routed by custom_id instead (`on_form`)."""
    form = AnswerForm(custom_id, question)
    form.stop()
    await interaction.response.send_modal(form)


def typed_answer(data: dict[str, Any]) -> str:
    """What the learner typed in a submitted form, as an answer for the checker: an ordering question's text, or a
    matching question's letters in item order. A matching input holding more than one letter (only a modified client
    can send one) is refused rather than read as letters of the next items."""
    values = _values(data.get("components") or [])
    if ORDER in values:
        return values[ORDER][:ANSWER_CHARS]
    items = sorted((int(key[len(ITEM):]), value.strip()) for key, value in values.items() if re.fullmatch(rf"{ITEM}[1-5]", key))
    if not items or any(len(value) != 1 for _, value in items):
        raise AnswerFormatError("Type one letter for each item.")
    return " ".join(value for _, value in items)


def _values(components: list[dict[str, Any]]) -> dict[str, str]:
    """The text inputs' values by custom_id, from a submit's components (inputs nested in labels or action rows)."""
    values: dict[str, str] = {}
    for component in components:
        nested = component.get("components") or ([component["component"]] if component.get("component") else [])
        values |= _values(nested)
        if isinstance(component.get("custom_id"), str) and isinstance(component.get("value"), str):
            values[component["custom_id"]] = component["value"]
    return values


async def on_form(interaction: discord.Interaction, template: str, handle: Handler) -> None:
    """Route a submitted form whose custom_id fits `template` to `handle`, with the id's match and what was typed; a
    form that cannot be read gets one private line. Any other interaction is left alone."""
    if interaction.type is not discord.InteractionType.modal_submit:
        return
    data: dict[str, Any] = dict(interaction.data or {})
    match = re.fullmatch(template, str(data.get("custom_id", "")))
    if match is None:
        return
    try:
        text = typed_answer(data)
    except AnswerFormatError as error:
        await tell(interaction, str(error))
        return
    await handle(match, text)
