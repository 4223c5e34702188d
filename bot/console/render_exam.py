"""Plain-text rendering of the mock exam for the console."""

from __future__ import annotations

from datetime import timedelta

from bot.console.render_quiz import fill, render_question
from bot.quiz.exam import ExamOverview, ExamResult, ExamScreen, ExamSummary

REVIEW_ALL = "all"


def clock(left: timedelta) -> str:
    """Time as an exam shows it: 2h 05m, or 4m 10s in the last minutes."""
    seconds = max(int(left.total_seconds()), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m {seconds:02d}s"


def render_screen(screen: ExamScreen) -> str:
    flag = " · flagged" if screen.flagged else ""
    heading = f"Exam question {screen.position}/{screen.total}{flag} · {clock(screen.time_left)} left · {screen.answered} answered"
    lines = [render_question(screen.view, heading)]
    if screen.chosen:
        lines.append(f"  Your answer: {screen.chosen} (answer again to change it)")
    lines.append("  exam next · exam prev · exam go N · exam flag · exam review · exam submit")
    return "\n".join(lines)


def _positions(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers)) if numbers else "none"


def render_overview(overview: ExamOverview) -> str:
    return "\n".join([
        f"Review: {overview.answered}/{overview.total} answered · {clock(overview.time_left)} left",
        fill(f"Unanswered: {_positions(overview.unanswered)}", "  "),
        fill(f"Flagged: {_positions(overview.flagged)}", "  "),
        "  exam go N to revisit one · exam submit when you are done",
    ])


def render_result(result: ExamResult, review: str = "") -> str:
    low, high = result.scale
    ending = "Time ran out, so the exam was submitted as it stood." if result.state == "expired" else "Exam submitted."
    verdict = "above" if result.passed else "below"
    lines = [
        ending,
        f"{result.correct}/{result.total} right ({result.accuracy:.0%}) in {clock(result.time_used)}.",
        fill(f"Estimate: {result.estimate} on the {low}-{high} scale, {verdict} the pass line of {result.passing}. This maps your raw "
              f"share right straight onto the scale; AWS scales real scores with its own model and leaves 15 questions unscored, so "
              f"treat it as a yardstick, not a prediction.", "  "),
        "  By domain (weight · right):",
    ]
    for domain in result.domains:
        lines.append(f"    {domain.title:<34} {domain.weight:>2}%  {domain.accuracy:>4.0%} ({domain.correct}/{domain.asked})")
    missed = [item for item in result.items if not item.correct]
    lines.append(fill(f"Missed: {_positions([item.position for item in missed])} (they come back in your practice sessions)", "  "))
    shown = result.items if review == REVIEW_ALL else missed
    if review:
        for item in shown:
            mark = "right" if item.correct else f"you chose {item.chosen or 'nothing'}, the answer is {item.right}"
            lines.append("")
            lines.append(render_question(item.view, f"Question {item.position} ({mark})", hint=False))
            lines += [fill(f"{letter} is wrong: {why}", "    ") for letter, why in item.rationales]
            lines.append(fill(item.explanation, "    "))
    else:
        lines.append("  exam result missed · exam result all  to go through the questions")
    return "\n".join(lines)


def render_history(history: list[ExamSummary]) -> str:
    if not history:
        return "No finished mock exams yet: type 'exam start' to take one."
    lines = ["Your mock exams, newest first:"]
    for summary in history:
        how = "timed out" if summary.state == "expired" else "submitted"
        lines.append(f"  #{summary.exam_id} {summary.started_at:%Y-%m-%d %H:%M} · {summary.correct}/{summary.total} "
                     f"({summary.accuracy:.0%}) · estimate {summary.estimate} · {clock(summary.time_used)} · {how}")
    return "\n".join(lines)
