"""Console commands for the learning loop: daily question, answers, practice, stats, leaderboard, learners.

A PracticeError or ArgumentError raised here is the reply: the console shows its message (see Console.handle)."""

from __future__ import annotations

from bot.app.learning import Learning
from bot.console.exam import answer_exam
from bot.console.numbers import ArgumentError, looks_numeric, number
from bot.console.render_quiz import (
    render_daily_answer,
    render_leaderboard,
    render_posting,
    render_reveal,
    render_stats,
    render_step,
    render_turn,
)
from bot.console.repl import LOCAL_GUILD, Console
from bot.limits import LEARNER_NAME_CHARS
from bot.quiz.practice import DEFAULT_COUNT, MAX_COUNT, PracticeError, PracticeMode

LOCAL_POST_TIME = "00:00"
LOCAL_ZONE = "UTC"
MAX_PAGE = 10_000


def register(console: Console) -> None:
    console.register("daily", _daily, "", "today's question for this console (posts it if due)")
    console.register("answer", _answer, "A [C]", "answer the exam or practice question, else today's question")
    console.register(
        "practice", _practice, "[drill] [DOMAIN] [COUNT]",
        f"a private session (default {DEFAULT_COUNT} exam-style questions; 'drill' for drills on look-alikes)",
    )
    console.register("stats", _stats, "", "your progress, weak areas and readiness")
    console.register("leaderboard", _leaderboard, "[all|week|month] [DOMAIN] [PAGE]", "the local ranking, 10 a page")
    console.register("report", _report, "QUESTION_ID REASON", "flag a question you think is wrong", long_input=True)
    console.register("forget", _forget, "[yes]", "delete everything the current learner has earned")
    console.register("user", _user, "NAME", "switch the local learner")


def _learning(console: Console) -> Learning:
    if console.app.learning is None:
        raise PracticeError("This console has no database open, so quiz features are off.")
    return console.app.learning


async def _reveal_closed(console: Console, learning: Learning) -> list[str]:
    return [render_reveal(reveal, look=console.look) for reveal in await learning.daily.close_due()]


async def _daily(console: Console, args: list[str]) -> str:
    learning = _learning(console)
    settings = await learning.store.posts.settings(LOCAL_GUILD)
    if settings is None or settings.exam != console.app.exam:  # the console's daily question is of the exam it serves
        await learning.daily.setup(LOCAL_GUILD, 0, LOCAL_POST_TIME, LOCAL_ZONE, exam=console.app.exam)
    closed = await _reveal_closed(console, learning)
    await learning.daily.post_due()
    posting = await learning.daily.today(LOCAL_GUILD)
    if posting is None or posting.post.revealed:
        console.question = None
        return "\n\n".join([*closed, "No open question right now."])
    console.question = posting.view
    return "\n\n".join([*closed, render_posting(posting, look=console.look)])


async def _answer(console: Console, args: list[str]) -> str:
    learning = _learning(console)
    if not args:
        return "Usage: answer A  (or answer A C for a choose-two question)"
    text = " ".join(args)
    if (exam_reply := await answer_exam(console, text)) is not None:
        return exam_reply
    if console.session_id is not None:
        turn = await learning.practice.answer(console.session_id, console.user_id, text)
        if turn.next_step is None:
            console.session_id = None
        console.question = turn.next_step.view if turn.next_step else None
        return render_turn(turn, look=console.look)
    closed = await _reveal_closed(console, learning)
    posting = await learning.daily.today(LOCAL_GUILD)
    if posting is None:
        return "There is no daily question yet: type 'daily' first, or 'practice' for a private session."
    result = await learning.daily.answer(posting.post.post_id, console.user_id, console.user, text)
    return "\n\n".join([*closed, render_daily_answer(result, look=console.look)])


async def _practice(console: Console, args: list[str]) -> str:
    learning = _learning(console)
    mode = PracticeMode.DRILL if args[:1] == ["drill"] else PracticeMode.EXAM
    args = args[1:] if mode is PracticeMode.DRILL else args
    count_words = [word for word in args if looks_numeric(word)]
    domain_words = [word for word in args if word not in count_words]
    if len(count_words) > 1:
        raise ArgumentError("Usage: practice [drill] [DOMAIN] [COUNT]  (for example: practice modeling 10)")
    count = number(count_words[0], "COUNT", 1, MAX_COUNT) if count_words else DEFAULT_COUNT
    domain = learning.practice.parse_domain(" ".join(domain_words) or None, console.app.exam)
    step = await learning.practice.start(console.user_id, console.user, domain, count, mode, console.app.exam)
    console.session_id, console.question = step.session_id, step.view
    return render_step(step, look=console.look)


async def _stats(console: Console, args: list[str]) -> str:
    return render_stats(console.user, await _learning(console).stats.learner(console.user_id, exam=console.app.exam), look=console.look)


async def _leaderboard(console: Console, args: list[str]) -> str:
    learning = _learning(console)
    wanted = number(args.pop(), "PAGE", 1, MAX_PAGE) if args and looks_numeric(args[-1]) else 1
    page = await learning.leaderboard(
        LOCAL_GUILD, args[0] if args else "all", " ".join(args[1:]) or None, caller_id=console.user_id, page=wanted,
        exam=console.app.exam,
    )
    if page.page > page.pages:
        return f"There is no page {page.page}: this leaderboard has {page.pages} page{'s' if page.pages > 1 else ''}."
    return render_leaderboard(page, console.user_id, look=console.look)


def _user(console: Console, args: list[str]) -> str:
    name = " ".join(" ".join(args).split())
    if not name:
        return f"You are '{console.user}'. Usage: user NAME"
    if len(name) > LEARNER_NAME_CHARS:  # cutting would make two long names one learner
        return f"A name has at most {LEARNER_NAME_CHARS} characters; choose a shorter one."
    console.user, console.session_id, console.question = name, None, None
    return f"Now answering as '{name}'."


async def _report(console: Console, args: list[str]) -> str:
    if len(args) < 2:
        return "Usage: report QUESTION_ID REASON  (the id is shown under each question)"
    stored = await _learning(console).report(LOCAL_GUILD, console.user_id, console.user, args[0], " ".join(args[1:]))
    return f"Thanks: report #{stored} on {args[0]} is stored for the maintainers."


async def _forget(console: Console, args: list[str]) -> str:
    if args != ["yes"]:
        return f"This deletes every answer, score and review of '{console.user}'. Type 'forget yes' to confirm."
    deleted = await _learning(console).forget(console.user_id)
    console.session_id = console.question = None
    return f"Everything '{console.user}' had earned is deleted." if deleted else f"'{console.user}' had nothing stored."
