"""Embeds for the daily question: the post, its closing edit, the private reply to a click, and the admin views
(schedule status, stored reports).

Text from the deck and the store goes through `fit`/`user_text`, so every embed stays within Discord's limits and
no reason or name a learner typed can ping anyone. Mentions the bot builds itself (<#channel>, <@&role>) are
written directly: inside an embed they only display, they never notify.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import discord

from bot.discord.embeds import DESCRIPTION, FIELD_VALUE, FOOTER, TITLE, TOTAL, bullets, fit, user_text
from bot.discord.learning_embeds import feedback_embed
from bot.discord.question_text import answer_heading, answer_value, question_body
from bot.quiz.daily import DailyAnswer, DailyStatus, Posting, Reveal
from bot.quiz.daily_guilds import REFUSALS_BEFORE_PAUSE
from bot.quiz.daily_scheduler import Delivery, Failed, Refused, Sent
from bot.quiz.views import QuestionView
from bot.store.learners import Report
from bot.store.records import GuildSettings, PauseReason

OPEN = discord.Colour.blurple()
CLOSED = discord.Colour.dark_grey()
NOTE = discord.Colour.light_grey()
BAR = 10
REASON = 300
NAME = 32
SETUP_HINT = "Set it up with `/daily setup channel time timezone [role] [open_hours]`."
# What the bot needs in the daily channel to post an embed with buttons.
POSTING = ("view_channel", "send_messages", "embed_links")
WITHDRAWN = (
    "This question was withdrawn from the question bank after it was posted (it is being corrected), so it has no "
    "answer to show and answers to it do not count."
)


def permission_names(names: Sequence[str]) -> str:
    return ", ".join(name.replace("_", " ").title() for name in names)


def when(moment: datetime) -> str:
    """A Discord timestamp: each reader sees it in their own time zone, with how long until or since."""
    stamp = int(moment.timestamp())
    return f"<t:{stamp}:f> (<t:{stamp}:R>)"


def jump_url(guild_id: int, channel_id: int, message_id: int) -> str:
    return f"https://discord.com/channels/{guild_id}/{channel_id}/{message_id}"


def how_to_answer(view: QuestionView) -> str:
    """What to do with the controls under the post."""
    if view.ordered:
        return "Click **Answer** below to type yours."
    return f"Choose {view.choose} options in the menu below." if view.multiple else "Click the letter of your answer below."


def posting_embed(posting: Posting) -> discord.Embed:
    """The daily post: number and domain, the question, and how to answer; open until the footer's time."""
    view = posting.view
    how = f"*{how_to_answer(view)} Only you see your feedback.*"
    embed = discord.Embed(
        title=fit(f"Question of the day #{posting.number} · {view.heading}", TITLE),
        description=f"{question_body(view, limit=DESCRIPTION - len(how) - 2)}\n\n{how}", colour=OPEN,
        timestamp=posting.post.closes_at,
    )
    embed.set_footer(text=fit(f"Question {view.question_id} · /report it if it looks wrong · open until", FOOTER))
    return embed


def _bar(share: float) -> str:
    filled = round(share * BAR)
    return f"{'█' * filled}{'░' * (BAR - filled)} {share:.0%}"


def _share_lines(reveal: Reveal, view: QuestionView) -> list[str]:
    """How often each option was picked; for an ordering or matching question, whose answers are whole sequences, how
    many had all of it right (the one share the core counts for them)."""
    if view.ordered:
        whole = "The whole order right" if view.kind == "ordering" else "Every item matched right"
        return [f"{whole}: {_bar(share)} ({count})" for _, count, share in reveal.shares]
    return [
        f"`{letter}` {_bar(share)} ({count}){' ✅' if letter in reveal.right else ''}" for letter, count, share in reveal.shares
    ]


def reveal_embed(reveal: Reveal) -> discord.Embed:
    """The closing edit: the question with the right answer ticked (or, for an ordering or matching question, spelled
    out), the explanation, and how the server answered."""
    view = reveal.view
    if view is None:
        return discord.Embed(title=f"Question of the day #{reveal.number} · closed", description=WITHDRAWN, colour=CLOSED)
    embed = discord.Embed(title=fit(f"Question of the day #{reveal.number} · {view.heading} · closed", TITLE), colour=CLOSED)
    embed.add_field(name=answer_heading(view), value=answer_value(view, reveal.right), inline=False)
    embed.add_field(name="Why", value=fit(reveal.explanation, FIELD_VALUE), inline=False)
    if reveal.answered:
        people = "person" if reveal.answered == 1 else "people"
        shares = "\n".join(_share_lines(reveal, view))
        embed.add_field(name=f"{reveal.answered} {people} answered", value=fit(shares, FIELD_VALUE), inline=False)
    else:
        embed.add_field(name="Nobody answered", value="Catch the next one!", inline=False)
    embed.set_footer(text=fit(f"Question {view.question_id} · /report it if it looks wrong", FOOTER))
    embed.description = question_body(view, right=reveal.right, limit=min(DESCRIPTION, TOTAL - len(embed)))
    return embed


def answer_embed(result: DailyAnswer) -> discord.Embed:
    """The private reply to a click: the feedback, or why nothing was counted (answered already, closed, bad input)."""
    if result.feedback:
        return feedback_embed(result.feedback)
    if result.already:
        text = f"You already answered **{result.already}**: one answer per question. The answer is shown when the question closes."
    elif result.closed_answer:
        text = f"This question is closed; the answer was **{result.closed_answer}**."
    else:
        text = result.error or "That answer could not be read."
    return discord.Embed(description=fit(text, DESCRIPTION), colour=NOTE)


def status_embed(status: DailyStatus, title: str = "Daily question") -> discord.Embed:
    """The guild's schedule, whether it is paused, when the next question comes, and today's post."""
    settings = status.settings
    if settings is None or settings.channel_id is None:
        return discord.Embed(title=title, description=f"The daily question is not set up here yet. {SETUP_HINT}", colour=NOTE)
    embed = discord.Embed(title=title, colour=CLOSED if settings.paused else OPEN)
    embed.add_field(name="Exam", value=settings.exam.upper())
    embed.add_field(name="Channel", value=f"<#{settings.channel_id}>")
    embed.add_field(name="Time", value=f"{settings.post_time} {settings.timezone}")
    embed.add_field(name="Open for", value=f"{settings.open_hours} h")
    embed.add_field(name="Ping", value=f"<@&{settings.role_id}>" if settings.role_id else "nobody")
    if settings.paused_by_bot:
        embed.add_field(name="State", value=paused_by_bot(settings), inline=False)
    elif settings.paused:
        embed.add_field(name="State", value="**Paused**: no question until `/daily resume`.", inline=False)
    elif status.next_post_at:
        embed.add_field(name="Next question", value=when(status.next_post_at), inline=False)
    today = status.today
    if today is None:
        embed.add_field(name="Today", value="Not posted yet.", inline=False)
    else:
        if today.channel_id and today.message_id:
            where = f"[the post]({jump_url(today.guild_id, today.channel_id, today.message_id)})"
        else:
            where = "not in the channel yet (Discord refused it or I was offline; I keep trying)"
        state = "closed" if today.revealed else f"open until {when(today.closes_at)}"
        embed.add_field(name="Today", value=f"Question `{today.question_id}`: {where}, {state}.", inline=False)
    return embed


def reports_embed(reports: Sequence[Report]) -> discord.Embed:
    """The guild's open reports, newest first; as many whole ones as fit, then a … for the rest."""
    if not reports:
        return discord.Embed(
            title="Reports", description="No open reports. Learners flag a question with `/report question reason`.", colour=NOTE,
        )
    lines = (
        f"`#{report.report_id}` `{report.question_id}` — {user_text(report.reason, REASON)} — *{user_text(report.display_name, NAME)}*, "
        f"<t:{int(report.created_at.timestamp())}:R>"
        for report in reports
    )
    return discord.Embed(title="Open reports, newest first", description=bullets(lines, DESCRIPTION), colour=OPEN)


def paused_by_bot(settings: GuildSettings) -> str:
    """Why the bot paused the schedule itself, since when, and what brings it back."""
    since = f"<t:{int(settings.paused_since.timestamp())}:f>" if settings.paused_since else "a while"
    channel = f"<#{settings.channel_id}>"
    why = {
        PauseReason.LEFT_GUILD: "I was removed from this server. It runs again when I am invited back.",
        PauseReason.CHANNEL_DELETED: "the daily channel was deleted. Choose another with `/daily setup`.",
        PauseReason.REFUSED: (
            f"Discord refused every post in {channel} for {REFUSALS_BEFORE_PAUSE.days} days. Give me "
            f"{permission_names(POSTING)} there, then `/daily resume`."
        ),
        PauseReason.UNUSABLE_SCHEDULE: (
            f"the saved time '{fit(settings.post_time, 20)}' in '{fit(settings.timezone, 60)}' can no longer be read. "
            "Run `/daily setup` again."
        ),
    }[settings.pause_reason or PauseReason.REFUSED]
    return f"**Paused by StudyBot** since {since}: {why}"


def now_text(posting: Posting, delivery: Delivery | None) -> str:
    """What `/daily now` did: posted, refused (and why it will not help to repeat), failed for now, or not tried."""
    post = posting.post
    channel = f"<#{post.channel_id}>"
    if isinstance(delivery, Sent) and post.channel_id:
        return f"Posted question #{posting.number}: {jump_url(post.guild_id, post.channel_id, delivery.message_id)}"
    if isinstance(delivery, Refused):
        return f"Discord refused the post in {channel}: give me {permission_names(POSTING)} there. I keep trying on my own."
    if isinstance(delivery, Failed):
        retry = "I try again on my own, or run `/daily now` again."
        return f"Discord could not take the post in {channel} just now ({delivery.detail}). {retry}"
    return "Today's question is being sent right now; `/daily status` shows it in a moment."
