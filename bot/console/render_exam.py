"""Plain-text rendering of the mock exam for the console (a Look adds width and styling on a terminal)."""

from __future__ import annotations

from datetime import timedelta

from bot.console.look import PLAIN, Look
from bot.console.render_quiz import render_question, render_worked
from bot.quiz.exam_screens import ExamOverview, ExamResult, ExamScreen, ExamSummary

REVIEW_ALL = "all"


def clock(left: timedelta) -> str:
    """Time as an exam shows it: 2h 05m, or 4m 10s in the last minutes."""
    seconds = max(int(left.total_seconds()), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m {seconds:02d}s"


def render_screen(screen: ExamScreen, *, look: Look = PLAIN) -> str:
    flag = " · flagged" if screen.flagged else ""
    heading = f"Exam question {screen.position}/{screen.total}{flag} · {clock(screen.time_left)} left · {screen.answered} answered"
    lines = [render_question(screen.view, heading, look=look)]
    if screen.chosen:
        lines.append(f"  Your answer: {screen.chosen} (answer again to change it)")
    lines.append(look.muted("  exam next · exam prev · exam go N · exam flag · exam review · exam submit"))
    return "\n".join(lines)


def _positions(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers)) if numbers else "none"


def render_overview(overview: ExamOverview, *, look: Look = PLAIN) -> str:
    return "\n".join([
        look.strong(f"Review: {overview.answered}/{overview.total} answered · {clock(overview.time_left)} left"),
        look.fill(f"Unanswered: {_positions(overview.unanswered)}", "  "),
        look.fill(f"Flagged: {_positions(overview.flagged)}", "  "),
        look.muted("  exam go N to revisit one · exam submit when you are done"),
    ])


def render_result(result: ExamResult, review: str = "", *, look: Look = PLAIN) -> str:
    low, high = result.scale
    ending = f"Time ran out, so the {result.exam} mock exam was submitted as it stood." if result.state == "expired" else (
        f"{result.exam} mock exam submitted.")
    verdict = "above" if result.passed else "below"
    score = f"{result.correct}/{result.total} right ({result.accuracy:.0%}) in {clock(result.time_used)}."
    lines = [
        ending,
        look.good(score) if result.passed else look.bad(score),
        look.fill(f"Estimate: {result.estimate} on the {low}-{high} scale, {verdict} the pass line of {result.passing}. This maps "
                  f"your raw share right straight onto the scale; AWS scales real scores with its own model and leaves "
                  f"{result.unscored} questions unscored, so treat it as a yardstick, not a prediction.", "  "),
        look.strong("  By domain (weight · right):"),
    ]
    width = max((len(domain.title) for domain in result.domains), default=0)
    for domain in result.domains:
        lines.append(f"    {domain.title:<{width}}  {domain.weight:>2}%  {domain.accuracy:>4.0%} ({domain.correct}/{domain.asked})")
    missed = [item for item in result.items if not item.correct]
    lines.append(look.fill(f"Missed: {_positions([item.position for item in missed])} (they come back in your practice sessions)", "  "))
    shown = result.items if review == REVIEW_ALL else missed
    if review:
        for item in shown:
            mark = look.good("right") if item.correct else look.bad(f"you chose {item.chosen or 'nothing'}, the answer is {item.right}")
            lines.append("")
            lines.append(render_question(item.view, f"Question {item.position} ({mark})", hint=False, look=look))
            lines += [look.fill(f"{letter} is wrong: {why}", "    ") for letter, why in item.rationales]
            lines += render_worked(item.view.worked(item.right), look=look)
            lines.append(look.fill(item.explanation, "    "))
    else:
        lines.append(look.muted("  exam result missed · exam result all  to go through the questions"))
    return "\n".join(lines)


def render_history(history: list[ExamSummary], *, look: Look = PLAIN) -> str:
    if not history:
        return "No finished mock exams yet: type 'exam start' to take one."
    lines = [look.strong("Your mock exams, newest first:")]
    for summary in history:
        how = "timed out" if summary.state == "expired" else "submitted"
        lines.append(f"  #{summary.exam_id} {summary.exam} {summary.started_at:%Y-%m-%d %H:%M} · {summary.correct}/{summary.total} "
                     f"({summary.accuracy:.0%}) · estimate {summary.estimate} · {clock(summary.time_used)} · {how}")
    return "\n".join(lines)
