"""Embeds for the mock exam: a question with the clock, the review screen, the submit warning, the result and the
review of each question afterwards. The time left is a Discord timestamp, so every client counts it down itself."""

from __future__ import annotations

from datetime import datetime

import discord

from bot.discord.embeds import DESCRIPTION, FIELD_VALUE, FOOTER, TITLE, TOTAL, bullets, fit
from bot.discord.question_text import OPTION, answer_heading, answer_value, question_body
from bot.quiz.exam_screens import ExamOverview, ExamResult, ExamScreen, ExamSummary, ItemReview
from bot.quiz.views import QuestionView

EXAM = discord.Colour.dark_blue()
PASSED = discord.Colour.green()
BELOW = discord.Colour.orange()
NUMBERS = 60  # how many question numbers a list shows before "…"


def clock(deadline: datetime) -> str:
    stamp = int(deadline.timestamp())
    return f"Time left: ends <t:{stamp}:R> (at <t:{stamp}:t>)"


def _numbers(positions: list[int]) -> str:
    shown = ", ".join(map(str, positions[:NUMBERS]))
    return (shown + (", …" if len(positions) > NUMBERS else "")) or "none"


def screen_embed(screen: ExamScreen) -> discord.Embed:
    view = screen.view
    flag = " · 🚩 flagged" if screen.flagged else ""
    again = "click Answer again" if view.ordered else "choose again"
    chosen = f"\n\nYour answer: **{screen.chosen}** ({again} to change it)" if screen.chosen else ""
    head = f"{clock(screen.deadline)}\n\n"
    embed = discord.Embed(
        title=fit(f"{screen.exam} mock exam · question {screen.position}/{screen.total} · {view.domain_title}{flag}", TITLE),
        description=head + question_body(view, limit=DESCRIPTION - len(head) - len(chosen)) + chosen, colour=EXAM,
    )
    embed.set_footer(text=fit(f"{screen.answered}/{screen.total} answered · {_how(view)} · question {view.question_id}", FOOTER))
    return embed


def _how(view: QuestionView) -> str:
    if view.ordered:
        return "click Answer to type yours"
    return f"choose {view.choose} in the menu" if view.multiple else "click a letter"


def overview_embed(overview: ExamOverview) -> discord.Embed:
    embed = discord.Embed(
        title=f"Review · {overview.answered}/{overview.total} answered", description=clock(overview.deadline), colour=EXAM,
    )
    embed.add_field(name=f"Unanswered ({len(overview.unanswered)})", value=fit(_numbers(overview.unanswered), FIELD_VALUE), inline=False)
    embed.add_field(name=f"Flagged ({len(overview.flagged)})", value=fit(_numbers(overview.flagged), FIELD_VALUE), inline=False)
    embed.set_footer(text="Pick a question to go back to it, or submit when you are done.")
    return embed


def confirm_embed(overview: ExamOverview) -> discord.Embed:
    text = (f"**{len(overview.unanswered)}** question(s) are unanswered and will count as wrong: "
            f"{_numbers(overview.unanswered)}.\nSubmit anyway, or go back and answer them?")
    return discord.Embed(title="Submit the exam?", description=fit(text, DESCRIPTION), colour=BELOW)


def result_embed(result: ExamResult) -> discord.Embed:
    low, high = result.scale
    ending = "Time ran out, so your exam was submitted as it stood." if result.state == "expired" else "Your exam is submitted."
    side = "above" if result.passed else "below"
    minutes = int(result.time_used.total_seconds() // 60)
    lines = [
        ending,
        f"**{result.correct}/{result.total}** right (**{result.accuracy:.0%}**) in {minutes // 60}h {minutes % 60:02d}m.",
        f"Estimate: **{result.estimate}** on the {low}–{high} scale, {side} the pass line of {result.passing}.",
        "*The estimate maps your raw share right straight onto the scale. AWS scales real scores with its own model and "
        f"does not count {result.unscored} unscored questions, so take it as a yardstick, not a prediction.*",
    ]
    colour = PASSED if result.passed else BELOW
    embed = discord.Embed(title=f"{result.exam} mock exam result", description=fit("\n".join(lines), DESCRIPTION), colour=colour)
    rows = [f"**{domain.title}** ({domain.weight}% of the exam): {domain.accuracy:.0%} ({domain.correct}/{domain.asked})"
            for domain in result.domains]
    embed.add_field(name="By domain", value=fit("\n".join(rows), FIELD_VALUE), inline=False)
    missed = [item.position for item in result.items if not item.correct]
    embed.add_field(name=f"Missed ({len(missed)})", value=fit(_numbers(missed), FIELD_VALUE), inline=False)
    embed.set_footer(text="Missed questions come back in your /practice sessions. Review each question below.")
    return embed


def item_embed(item: ItemReview, total: int) -> discord.Embed:
    """One question of a finished exam: the verdict, the question, the right order or matches of an ordering or matching
    question, why, and why each wrong option is wrong (where the question says)."""
    view = item.view
    verdict = "✅ right" if item.correct else f"❌ you chose {item.chosen or 'nothing'}, the answer is {item.right}"
    embed = discord.Embed(title=fit(f"Question {item.position}/{total} · {verdict}", TITLE), colour=PASSED if item.correct else BELOW)
    if view.ordered:
        embed.add_field(name=answer_heading(view), value=answer_value(view, item.right), inline=False)
    embed.add_field(name="Why", value=fit(item.explanation, FIELD_VALUE), inline=False)
    if item.rationales:
        embed.add_field(name="The wrong options", value=bullets(f"**{letter}**: {why}" for letter, why in item.rationales), inline=False)
    embed.set_footer(text=fit(f"question {view.question_id} · /report it if it looks wrong", FOOTER))
    embed.description = question_body(
        view, right=item.right, limit=min(DESCRIPTION, TOTAL - len(embed)), prompt=DESCRIPTION // 3, option=OPTION // 2
    )
    return embed


def history_embed(history: list[ExamSummary]) -> discord.Embed:
    if not history:
        return discord.Embed(description="No finished mock exams yet: `/exam start` takes one.", colour=EXAM)
    lines = [
        f"<t:{int(summary.started_at.timestamp())}:d> · {summary.exam} · **{summary.correct}/{summary.total}** ({summary.accuracy:.0%}) · "
        f"estimate {summary.estimate}" + (" · timed out" if summary.state == "expired" else "")
        for summary in history
    ]
    return discord.Embed(title="Your mock exams", description=fit("\n".join(lines), DESCRIPTION), colour=EXAM)
