"""Embeds for the learning features: practice questions, feedback and summaries, stats, the leaderboard.

Built from the quiz layer's adapter-neutral results with the same `fit` as every other embed, so each stays
within Discord's limits and no name or text from the store can ping anyone.
"""

from __future__ import annotations

import discord

from bot.app.learning import LeaderboardPage
from bot.discord.embeds import DESCRIPTION, FIELD_VALUE, FOOTER, TITLE, TOTAL, bullets, fit, user_text
from bot.discord.question_text import OPTION, question_body, worked_lines
from bot.quiz.practice import PracticeStep, PracticeSummary, PracticeTurn
from bot.quiz.stats import LearnerStats
from bot.quiz.views import Feedback
from bot.store.periods import Period
from bot.store.records import Standing

PRACTICE = discord.Colour.blurple()
RIGHT = discord.Colour.green()
WRONG = discord.Colour.red()
STATS = discord.Colour.teal()
BOARD = discord.Colour.gold()
NAME = 32
CHART_FILE = "accuracy.png"
PERIOD_TITLES = {Period.ALL: "all time", Period.WEEK: "this week", Period.MONTH: "this month"}
LOOK_UP = "Look them up with /service, /algorithm, /metric or /concept, or practise them with /practice."


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def question_embed(step: PracticeStep) -> discord.Embed:
    """One practice question (with its case study, items and how an ordering or matching question is answered); the
    footer says how to answer with the controls and the id to /report."""
    view = step.view
    notice = f"*{fit(step.notice, OPTION)}*\n\n" if step.notice else ""
    if view.ordered:
        how = "Click Answer to type yours"
    else:
        how = f"Choose {view.choose} options in the menu" if view.multiple else "Click the letter of your answer"
    embed = discord.Embed(
        title=fit(f"Practice {step.position}/{step.total} · {view.heading}", TITLE),
        description=notice + question_body(view, limit=DESCRIPTION - len(notice)), colour=PRACTICE,
    )
    embed.set_footer(text=fit(f"{how} · question {view.question_id}", FOOTER))
    return embed


def feedback_embed(result: Feedback) -> discord.Embed:
    """Right or wrong, why each wrong choice is wrong, the explanation, and any points or streak earned."""
    verdict = f"**{result.right}** is right." if result.correct else f"You chose **{result.chosen}**; the answer is **{result.right}**."
    lines = [verdict]
    lines += [f"**{letter}** is wrong: {why}" for letter, why in result.why_wrong if why]
    lines.append(result.explanation)
    if result.points or result.streak:
        lines.append(f"+{result.points} points · streak {result.streak}")
    embed = discord.Embed(
        title="Right!" if result.correct else "Not quite", description=fit("\n\n".join(lines), DESCRIPTION),
        colour=RIGHT if result.correct else WRONG,
    )
    if result.worked and not result.correct:
        embed.add_field(name=result.worked_heading, value=fit("\n".join(worked_lines(result.worked)), FIELD_VALUE), inline=False)
    return embed


def summary_embed(summary: PracticeSummary) -> discord.Embed:
    """The end of a session: the score, what was missed, and what to study next."""
    embed = discord.Embed(title=f"Session over: {summary.correct}/{summary.total} right", colour=PRACTICE)
    if summary.missed:
        embed.add_field(name="Missed", value=bullets(summary.missed), inline=False)
    if summary.study_next:
        embed.add_field(name="Study next", value=bullets(summary.study_next), inline=False)
        embed.set_footer(text=LOOK_UP)
    else:
        embed.description = "Nothing missed and no weak spots yet: try a longer session or another domain with /practice."
    return embed


def turn_embeds(turn: PracticeTurn) -> list[discord.Embed]:
    """Feedback on the answer, then the next question or the summary; the feedback gives way when the two together
    would pass Discord's 6,000 characters per message."""
    following = question_embed(turn.next_step) if turn.next_step else summary_embed(turn.summary) if turn.summary else None
    embeds = [feedback_embed(turn.feedback), *([following] if following else [])]
    excess = sum(len(embed) for embed in embeds) - TOTAL
    if excess > 0:
        embeds[0].description = fit(embeds[0].description or "", len(embeds[0].description or "") - excess)
    return embeds


def stats_embed(name: str, stats: LearnerStats, *, chart: bool) -> discord.Embed:
    """Totals, accuracy per domain beside its exam weight, streaks, weakest entries and readiness.

    `chart` says a PNG named CHART_FILE is attached to the same message, to be shown as the embed's image.
    """
    embed = discord.Embed(title=fit(f"{stats.exam} stats for {user_text(name, NAME)}", TITLE), colour=STATS)
    if stats.answered:
        embed.description = f"**{stats.answered}** answered · {_accuracy_and_streak(stats)}"
    else:
        embed.description = "No answers yet: answer the daily question or start a /practice session."
    _domain_fields(embed, stats)
    if stats.weakest:
        embed.add_field(name="Weakest", value=bullets(entry.name for entry in stats.weakest), inline=False)
    note = stats.readiness_note
    readiness = f"**{percent(stats.readiness)}** ({note})" if stats.readiness is not None else note[:1].upper() + note[1:]
    embed.add_field(name="Exam readiness", value=fit(readiness, FIELD_VALUE), inline=False)
    if exam := stats.last_exam:
        result = f"<t:{int(exam.started_at.timestamp())}:d>: **{exam.accuracy:.0%}** right, estimate {exam.estimate} · `/exam history`"
        embed.add_field(name="Last mock exam", value=result, inline=False)
    if chart:
        embed.set_image(url=f"attachment://{CHART_FILE}")
    return embed


def daily_results_embed(name: str, server: str, stats: LearnerStats, *, chart: bool) -> discord.Embed:
    """Another member's daily results in this server, which its leaderboards show anyway; nothing private."""
    title = f"{user_text(name, NAME)}'s {stats.exam} daily results in {user_text(server, 100)}"
    embed = discord.Embed(title=fit(title, TITLE), colour=STATS)
    if stats.answered:
        answers = "answer" if stats.answered == 1 else "answers"
        embed.description = f"**{stats.answered}** daily {answers} here · {_accuracy_and_streak(stats)}"
    else:
        embed.description = "No daily answers in this server yet."
    _domain_fields(embed, stats)
    if chart:
        embed.set_image(url=f"attachment://{CHART_FILE}")
    return embed


def _accuracy_and_streak(stats: LearnerStats) -> str:
    return f"accuracy **{percent(stats.accuracy)}** · streak **{stats.streaks.current}** (best {stats.streaks.best})"


def _domain_fields(embed: discord.Embed, stats: LearnerStats) -> None:
    for stat in stats.domains:
        counts = f" ({stat.correct}/{stat.answered})" if stat.answered else ""
        embed.add_field(name=stat.title, value=f"{percent(stat.accuracy)}{counts}\n{stat.weight}% of the exam", inline=True)


def _standing_line(row: Standing, caller_id: int | None) -> str:
    line = f"**{row.rank}.** {user_text(row.display_name, NAME)} — {row.points} pts · {percent(row.accuracy)} of {row.answered}"
    if row.streak:
        line += f" · streak {row.streak}"
    return line + (" ◀" if row.user_id == caller_id else "")


def leaderboard_embed(page: LeaderboardPage, caller_id: int, caller_name: str) -> discord.Embed:
    """One page of the ranking (ties share a rank), then the caller's own rank even when off this page."""
    scope = PERIOD_TITLES[page.period] + (f" · {page.domain_title}" if page.domain_title else "")
    board = page.board
    lines = [_standing_line(row, caller_id) for row in board.rows]
    if not board.total:
        lines = ["Nobody is on this board yet: answer the daily question to score points."]
    elif not board.rows:
        lines = [f"There is no page {page.page}; the board has {page.pages}."]
    name = user_text(caller_name, NAME)
    mine = board.caller
    lines.append("")
    if mine is None:
        lines.append(f"{name} has no answers on this board yet.")
    else:
        lines.append(f"{name}: **#{mine.rank}** of {board.total} with {mine.points} pts")
    embed = discord.Embed(title=f"{page.exam} leaderboard · {scope}", description=fit("\n".join(lines), DESCRIPTION), colour=BOARD)
    learners = "learner" if board.total == 1 else "learners"
    embed.set_footer(text=f"Page {page.page}/{page.pages} · {board.total} {learners}")
    return embed
