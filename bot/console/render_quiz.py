"""Plain-text rendering of quiz results for the console."""

from __future__ import annotations

import textwrap

from bot.app.learning import LeaderboardPage
from bot.quiz.daily import DailyAnswer, Posting, Reveal
from bot.quiz.practice import PracticeStep, PracticeSummary, PracticeTurn
from bot.quiz.stats import LearnerStats
from bot.quiz.views import Feedback, QuestionView

WIDTH = 100


def fill(text: str, indent: str = "") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def render_question(view: QuestionView, heading: str, *, hint: bool = True) -> str:
    """A question with its lettered options (and a matching question's numbered items, a case study's scenario);
    `hint` adds how to answer and the id (not wanted once it is answered)."""
    lines = [f"{heading} · {view.heading}"]
    if view.case:
        lines += [f"Case study: {view.case[0]}", fill(view.case[1], "  "), ""]
    lines.append(fill(view.prompt))
    lines += [fill(f"{number}. {item}", "  ") for number, item in enumerate(view.items, 1)]
    lines += [fill(f"{letter}) {text}", "  ") for letter, text in view.options]
    if not hint:
        return "\n".join(lines)
    # A placeholder, not real letters: "answer A" beside a question reads like a hint.
    if view.ordered:
        how = f"{view.hint.lower()}: answer {' '.join(['LETTER'] * len(view.options))}"
    else:
        how = f"choose {view.choose}: answer LETTER LETTER" if view.multiple else "answer LETTER"
    lines.append(f"  ({how} · id {view.question_id})")
    return "\n".join(lines)


def render_posting(posting: Posting) -> str:
    closes = posting.post.closes_at.strftime("%Y-%m-%d %H:%M UTC")
    return render_question(posting.view, f"Question of the day #{posting.number} ({posting.post.local_date}, open until {closes})")


def render_feedback(result: Feedback) -> str:
    verdict = "Right!" if result.correct else f"Not quite: you chose {result.chosen}, the answer is {result.right}."
    lines = [verdict]
    lines += [fill(f"{letter} is wrong: {why}", "  ") for letter, why in result.why_wrong]
    lines.append(fill(result.explanation, "  "))
    if result.points or result.streak:
        lines.append(f"  +{result.points} points · streak {result.streak}")
    return "\n".join(lines)


def render_daily_answer(result: DailyAnswer) -> str:
    if result.feedback:
        return render_feedback(result.feedback)
    if result.already:
        return f"You already answered {result.already}; one answer per question."
    if result.closed_answer:
        return f"This question is closed; the answer was {result.closed_answer}."
    return result.error or "That answer could not be read."


def render_reveal(reveal: Reveal) -> str:
    shares = ", ".join(f"{letter} {count} ({share:.0%})" for letter, count, share in reveal.shares)
    return "\n".join([
        f"Closed: question of {reveal.post.local_date}. The answer was {reveal.right}.",
        fill(reveal.explanation, "  "),
        f"  {reveal.answered} answered: {shares}",
    ])


def render_step(step: PracticeStep) -> str:
    question = render_question(step.view, f"Practice {step.position}/{step.total}")
    return f"{fill(step.notice)}\n{question}" if step.notice else question


def render_summary(summary: PracticeSummary) -> str:
    lines = [f"Session over: {summary.correct}/{summary.total} right."]
    if summary.missed:
        lines.append(fill("Missed: " + ", ".join(summary.missed), "  "))
    if summary.study_next:
        lines.append(fill("Study next: " + ", ".join(summary.study_next), "  "))
    return "\n".join(lines)


def render_turn(turn: PracticeTurn) -> str:
    parts = [render_feedback(turn.feedback)]
    parts.append(render_step(turn.next_step) if turn.next_step else render_summary(turn.summary) if turn.summary else "")
    return "\n\n".join(part for part in parts if part)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def render_stats(name: str, stats: LearnerStats) -> str:
    lines = [f"{name}: {stats.answered} answered, accuracy {_percent(stats.accuracy)}, "
             f"streak {stats.streaks.current} (best {stats.streaks.best})"]
    for stat in stats.domains:
        lines.append(f"  {stat.title:<34} weight {stat.weight:>2}%  {_percent(stat.accuracy):>4}  ({stat.correct}/{stat.answered})")
    if stats.weakest:
        lines.append(fill("Weakest: " + ", ".join(entry.name for entry in stats.weakest), "  "))
    readiness = f"{stats.readiness:.0%} ({stats.readiness_note})" if stats.readiness is not None else stats.readiness_note
    lines.append(f"  Readiness: {readiness}")
    if exam := stats.last_exam:
        lines.append(f"  Last mock exam ({exam.started_at:%Y-%m-%d}): {exam.accuracy:.0%} right, estimate {exam.estimate}")
    return "\n".join(lines)


def render_leaderboard(page: LeaderboardPage, caller_id: int | None) -> str:
    scope = f"{page.period.value}" + (f", {page.domain}" if page.domain else "")
    lines = [f"Leaderboard ({scope}) page {page.page}/{page.pages}"]
    if not page.board.rows:
        lines.append("  Nobody has points here yet.")
    for row in page.board.rows:
        mark = " ←" if row.user_id == caller_id else ""
        lines.append(f"  {row.rank:>3}. {row.display_name:<20} {row.points:>5} pts  {row.accuracy:>4.0%}  streak {row.streak}{mark}")
    caller = page.board.caller
    if caller and caller.user_id not in {row.user_id for row in page.board.rows}:
        lines.append(f"  You: #{caller.rank} with {caller.points} pts")
    return "\n".join(lines)
