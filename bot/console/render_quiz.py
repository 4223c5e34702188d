"""Plain-text rendering of quiz results for the console (a Look adds width and styling on a terminal)."""

from __future__ import annotations

from bot.app.learning import LeaderboardPage
from bot.console.look import PLAIN, Look
from bot.quiz.daily import DailyAnswer, Posting, Reveal
from bot.quiz.practice import PracticeStep, PracticeSummary, PracticeTurn
from bot.quiz.stats import LearnerStats
from bot.quiz.views import Feedback, QuestionView, WorkedLine


def render_question(view: QuestionView, heading: str, *, hint: bool = True, look: Look = PLAIN) -> str:
    """A question with its lettered options (and a matching question's numbered items, a case study's scenario);
    `hint` adds how to answer and the id (not wanted once it is answered)."""
    lines = [look.heading(f"{heading} · {view.heading}")]
    if view.case:
        lines += [look.strong(f"Case study: {view.case[0]}"), look.fill(view.case[1], "  "), ""]
    lines.append(look.fill(view.prompt))
    lines += [look.fill(f"{number}. {item}", "  ") for number, item in enumerate(view.items, 1)]
    lines += [look.option(letter, text) for letter, text in view.options]
    if not hint:
        return "\n".join(lines)
    # A placeholder, not real letters: "answer A" beside a question reads like a hint.
    if view.ordered:
        how = f"{view.hint.lower()}: answer {' '.join(['LETTER'] * len(view.options))}"
    else:
        how = f"choose {view.choose}: answer LETTER LETTER" if view.multiple else "answer LETTER"
    lines.append(look.muted(f"  ({how} · id {view.question_id})"))
    return "\n".join(lines)


def render_posting(posting: Posting, *, look: Look = PLAIN) -> str:
    closes = posting.post.closes_at.strftime("%Y-%m-%d %H:%M UTC")
    heading = f"Question of the day #{posting.number} ({posting.post.local_date}, open until {closes})"
    return render_question(posting.view, heading, look=look)


def render_worked(lines: list[WorkedLine], *, look: Look = PLAIN) -> list[str]:
    """An ordering or matching answer spelled out, a line per step or item."""
    return [
        look.fill(f"{number}. {line.item} → {line.letter} {line.text}" if line.item else f"{number}. {line.letter} {line.text}", "    ")
        for number, line in enumerate(lines, 1)
    ]


def render_feedback(result: Feedback, *, look: Look = PLAIN) -> str:
    verdict = look.good("Right!") if result.correct else look.bad(f"Not quite: you chose {result.chosen}, the answer is {result.right}.")
    lines = [verdict]
    lines += [look.fill(f"{letter} is wrong: {why}", "  ") for letter, why in result.why_wrong]
    if result.worked and not result.correct:
        lines += [f"  {result.worked_heading}:", *render_worked(result.worked, look=look)]
    lines.append(look.fill(result.explanation, "  "))
    if result.points or result.streak:
        lines.append(f"  +{result.points} points · streak {result.streak}")
    return "\n".join(lines)


def render_daily_answer(result: DailyAnswer, *, look: Look = PLAIN) -> str:
    if result.feedback:
        return render_feedback(result.feedback, look=look)
    if result.already:
        return f"You already answered {result.already}; one answer per question."
    if result.closed_answer:
        return f"This question is closed; the answer was {result.closed_answer}."
    return result.error or "That answer could not be read."


def render_reveal(reveal: Reveal, *, look: Look = PLAIN) -> str:
    if reveal.view is None:
        return f"Closed: question of {reveal.post.local_date}. It was withdrawn from the question bank, so there is no answer to show."
    shares = ", ".join(f"{letter} {count} ({share:.0%})" for letter, count, share in reveal.shares)
    return "\n".join([
        look.strong(f"Closed: question of {reveal.post.local_date}. The answer was {reveal.right}."),
        *render_worked(reveal.view.worked(reveal.right), look=look),
        look.fill(reveal.explanation, "  "),
        f"  {reveal.answered} answered: {shares}",
    ])


def render_step(step: PracticeStep, *, look: Look = PLAIN) -> str:
    question = render_question(step.view, f"Practice {step.position}/{step.total}", look=look)
    return f"{look.fill(step.notice)}\n{question}" if step.notice else question


def render_summary(summary: PracticeSummary, *, look: Look = PLAIN) -> str:
    lines = [look.strong(f"Session over: {summary.correct}/{summary.total} right.")]
    if summary.missed:
        lines.append(look.fill("Missed: " + ", ".join(summary.missed), "  "))
    if summary.study_next:
        lines.append(look.fill("Study next: " + ", ".join(summary.study_next), "  "))
    return "\n".join(lines)


def render_turn(turn: PracticeTurn, *, look: Look = PLAIN) -> str:
    parts = [render_feedback(turn.feedback, look=look)]
    if turn.next_step:
        parts.append(render_step(turn.next_step, look=look))
    elif turn.summary:
        parts.append(render_summary(turn.summary, look=look))
    return "\n\n".join(parts)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def render_stats(name: str, stats: LearnerStats, *, look: Look = PLAIN) -> str:
    lines = [look.strong(f"{name} · {stats.exam}: {stats.answered} answered, accuracy {_percent(stats.accuracy)}, "
                         f"streak {stats.streaks.current} (best {stats.streaks.best})")]
    width = max((len(stat.title) for stat in stats.domains), default=0)
    for stat in stats.domains:
        lines.append(f"  {stat.title:<{width}}  weight {stat.weight:>2}%  {_percent(stat.accuracy):>4}  ({stat.correct}/{stat.answered})")
    if stats.weakest:
        lines.append(look.fill("Weakest: " + ", ".join(entry.name for entry in stats.weakest), "  "))
    readiness = f"{stats.readiness:.0%} ({stats.readiness_note})" if stats.readiness is not None else stats.readiness_note
    lines.append(f"  Readiness: {readiness}")
    if exam := stats.last_exam:
        lines.append(f"  Last mock exam ({exam.started_at:%Y-%m-%d}): {exam.accuracy:.0%} right, estimate {exam.estimate}")
    return "\n".join(lines)


def render_leaderboard(page: LeaderboardPage, caller_id: int | None, *, look: Look = PLAIN) -> str:
    scope = f"{page.period.value}" + (f", {page.domain}" if page.domain else "")
    lines = [look.strong(f"{page.exam} leaderboard ({scope}) page {page.page}/{page.pages}")]
    if not page.board.rows:
        lines.append("  Nobody has points here yet.")
    for row in page.board.rows:
        mark = " ←" if row.user_id == caller_id else ""
        line = f"  {row.rank:>3}. {row.display_name:<20} {row.points:>5} pts  {row.accuracy:>4.0%}  streak {row.streak}{mark}"
        lines.append(look.strong(line) if mark else line)
    caller = page.board.caller
    if caller and caller.user_id not in {row.user_id for row in page.board.rows}:
        lines.append(f"  You: #{caller.rank} with {caller.points} pts")
    return "\n".join(lines)
