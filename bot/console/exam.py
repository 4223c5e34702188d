"""Console commands for the mock exam: `exam start`, moving around, flagging, reviewing, submitting, history."""

from __future__ import annotations

from bot.app.learning import Learning
from bot.console.numbers import number
from bot.console.render_exam import render_history, render_overview, render_result, render_screen
from bot.console.repl import Console
from bot.quiz.exam import ExamError
from bot.quiz.exam_screens import ExamResult, Shown
from bot.quiz.practice import PracticeError

USAGE = (
    "Usage: exam start | exam (where you are) | exam next | exam prev | exam go N | exam flag | exam review | "
    "exam submit | exam abandon | exam history | exam result [missed|all]"
)
ACTIONS = ("start", "next", "prev", "go", "flag", "review", "submit", "abandon", "history", "result")
REVIEWS = ("missed", "all")


def register(console: Console) -> None:
    console.register("exam", _exam, "[start|next|prev|go N|flag|review|submit|abandon|history|result]", "a timed mock exam")


def _learning(console: Console) -> Learning:
    if console.app.learning is None:
        raise PracticeError("This console has no database open, so quiz features are off.")
    return console.app.learning


def show(console: Console, shown: Shown) -> str:
    """An exam screen, or the result once the exam is over; either way it is now the question on screen (or none)."""
    if isinstance(shown, ExamResult):
        console.question = None
        return render_result(shown, look=console.look)
    console.question = shown.view
    return render_screen(shown, look=console.look)


async def answer_exam(console: Console, text: str) -> str | None:
    """The reply when the learner has an exam under way: their answer recorded and the next question; None otherwise."""
    learning = _learning(console)
    record = await learning.exam.open_exam(console.user_id)
    if record is None:
        return None
    try:
        shown = await learning.exam.answer(record.exam_id, console.user_id, record.position + 1, text)
        if isinstance(shown, ExamResult) or shown.position == shown.total:
            return show(console, shown)
        return show(console, await learning.exam.step(record.exam_id, console.user_id, +1))
    except ExamError as error:
        return str(error)


async def _exam(console: Console, args: list[str]) -> str:
    learning = _learning(console)
    exam, user, look = learning.exam, console.user_id, console.look
    action = args[0].lower() if args else ""
    try:
        if action == "start":
            return show(console, await exam.start(user, console.user, console.app.exam))
        if action == "history":
            return render_history(await exam.history(user), look=look)
        if action == "abandon":
            if not await exam.abandon(user):
                return "You have no exam under way."
            console.question = None
            return "Exam abandoned: it earns no score."
        if action == "result":
            finished = await exam.history(user, 1)
            if not finished:
                return "No finished mock exams yet: type 'exam start' to take one."
            review = args[1].lower() if len(args) > 1 else "missed"
            return render_result(await exam.result(finished[0].exam_id, user), review=review, look=look)
        record = await exam.open_exam(user)
        if record is None:
            return "You have no exam under way. " + ("Type 'exam start' to take one." if action in ("", "next", "prev") else USAGE)
        if action == "":
            return show(console, await exam.show(record.exam_id, user))
        if action in ("next", "prev"):
            return show(console, await exam.step(record.exam_id, user, +1 if action == "next" else -1))
        if action == "go" and len(args) == 2:
            return show(console, await exam.show(record.exam_id, user, number(args[1], "N", 1, exam.format(record.deck).questions)))
        if action == "flag":
            return show(console, await exam.flag(record.exam_id, user, record.position + 1))
        if action == "review":
            overview = await exam.overview(record.exam_id, user)
            return show(console, overview) if isinstance(overview, ExamResult) else render_overview(overview, look=look)
        if action == "submit":
            return await _submit(console, record.exam_id, args[1:])
    except ExamError as error:
        return str(error)
    return USAGE


async def _submit(console: Console, exam_id: int, args: list[str]) -> str:
    exam = _learning(console).exam
    overview = await exam.overview(exam_id, console.user_id)
    if isinstance(overview, ExamResult):
        return show(console, overview)
    if overview.unanswered and args != ["anyway"]:
        return (f"{len(overview.unanswered)} question(s) are unanswered and would count as wrong. "
                "Type 'exam review' to see them, or 'exam submit anyway' to submit now.")
    return show(console, await exam.submit(exam_id, console.user_id))
