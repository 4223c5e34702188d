"""A question as it reads in an embed, the same in the daily post, practice and the mock exam: a case study's scenario
above the prompt, a matching question's numbered items, the lettered options and how to answer; and the right answer
of an ordering or matching question spelled out (the steps in order, each item with its match).

Everything is cut with `fit` to the room it is given. The options and items are kept whole first, since nobody can
answer without them; then the prompt; the case study's scenario (the longest part, and the same for every question of
its case) takes what is left.
"""

from __future__ import annotations

from bot.discord.embeds import DESCRIPTION, FIELD_VALUE, TITLE, fit
from bot.quiz.views import WORKED_HEADINGS, QuestionView, WorkedLine

# Each option or item is cut to this much so that a long one cannot push the others out of the description.
OPTION = 600
# The prompt keeps at least this much however long the options are (the final cut then takes from the end).
PROMPT_MIN = 100
# Less than this left for a case study's scenario: it is left out rather than shown as a stub.
SCENARIO_MIN = 200
# A line of a spelled-out answer: a step, or an item and its match (five such lines fit one embed field).
STEP = 180
PAIR_PART = 90


def question_body(
    view: QuestionView, *, right: str = "", limit: int = DESCRIPTION, prompt: int = DESCRIPTION // 2, option: int = OPTION
) -> str:
    """The case study (if any), the prompt, a matching question's numbered items and the lettered options, within
    `limit` characters. Before the answer is known, an ordering or matching question adds how it is answered; once it
    is (`right` given), a choice question's right options are ticked."""
    lines = [f"**{number}.** {fit(item, option)}" for number, item in enumerate(view.items, 1)]
    lines += [""] if lines else []
    for letter, text in view.options:
        mark = ("✅ " if letter in right else "▫️ ") if right and not view.ordered else ""
        lines.append(f"{mark}**{letter}.** {fit(text, option)}")
    if view.hint and not right:
        lines += ["", f"*{view.hint}.*"]
    choices = "\n".join(lines)
    body = f"{fit(view.prompt, max(min(prompt, limit - len(choices) - 2), PROMPT_MIN))}\n\n{choices}"
    if view.case:
        title, scenario = view.case
        heading = f"**Case study: {fit(title, TITLE)}**"
        room = limit - len(body) - len(heading) - 4 - 2 * (scenario.strip().count("\n") + 1)
        if room >= SCENARIO_MIN:
            quoted = "\n".join(f"> {line}" for line in fit(scenario, room).splitlines())
            body = f"{heading}\n{quoted}\n\n{body}"
    return fit(body, limit)


def worked_lines(lines: list[WorkedLine]) -> list[str]:
    """An ordering or matching answer spelled out, a line per step or item."""
    return [
        f"{number}. {fit(line.item, PAIR_PART)} → **{line.letter}** {fit(line.text, PAIR_PART)}" if line.item
        else f"{number}. **{line.letter}** {fit(line.text, STEP)}"
        for number, line in enumerate(lines, 1)
    ]


def answer_value(view: QuestionView, right: str) -> str:
    """The right answer for an embed field: its letters, then for an ordering or matching question what they mean."""
    return fit("\n".join([f"**{right}**", *worked_lines(view.worked(right))]), FIELD_VALUE)


def answer_heading(view: QuestionView) -> str:
    """What a spelled-out answer is called: the order of the steps, the match of each item, or the answer."""
    return WORKED_HEADINGS.get(view.kind, "Answer")
