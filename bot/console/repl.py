"""`studybot chat`: a local console over the application layer, interactive or scripted on stdin."""

from __future__ import annotations

import hashlib
import inspect
import shlex
import sys
from collections.abc import Awaitable, Callable
from typing import TextIO

from bot.app.study import StudyApp
from bot.console.look import PLAIN, Look
from bot.console.numbers import ArgumentError
from bot.failures import one_line, record
from bot.limits import read_line
from bot.matching.pasted import MIN_WORDS
from bot.quiz.practice import PracticeError
from bot.quiz.schedule import ScheduleError
from bot.quiz.views import QuestionView
from bot.store.errors import StoreError

Handler = Callable[["Console", list[str]], Awaitable[str | None] | str | None]
LOCAL_GUILD = 0
DEFAULT_USER = "learner"
# A question pasted on its own, with no command before it, is asked about.
PASTED_TO = "ask"
# What a command may raise for the learner to read: input it cannot use, or a database that cannot act just now.
REFUSALS = (ArgumentError, PracticeError, ScheduleError, StoreError)


class Console:
    """Reads one command a line and writes its reply; unknown input gets help, a failure one line, never a traceback."""

    def __init__(self, app: StudyApp) -> None:
        self.app = app
        self.user = DEFAULT_USER
        self.session_id: int | None = None
        # The question last shown that can still be answered: Tab offers its letters after `answer`.
        self.question: QuestionView | None = None
        # How replies are laid out: PLAIN unless an interactive terminal sets its width and colours.
        self.look: Look = PLAIN
        self.commands: dict[str, tuple[Handler, str, str]] = {}
        # Commands that take the rest of the line as it was typed or pasted, line breaks and quotes included.
        self.whole_text: set[str] = set()
        # Commands whose input may run as long as a pasted question; a paste that starts with any other command's
        # name ("Compare two models…", "Show that…") is a question, not that command.
        self.long_input: set[str] = set()
        self.register("help", _help, "", "list the commands")
        self.register("quit", _quit, "", "leave the console (end of input works too)")

    def register(
        self, name: str, handler: Handler, usage: str, about: str, *, whole_text: bool = False, long_input: bool = False
    ) -> None:
        self.commands[name] = (handler, usage, about)
        if whole_text:
            self.whole_text.add(name)
        if whole_text or long_input:
            self.long_input.add(name)

    @property
    def user_id(self) -> int:
        """Local learners get stable negative ids, so they can never collide with Discord user ids."""
        return -(int.from_bytes(hashlib.sha256(self.user.casefold().encode()).digest()[:6], "big") + 1)

    async def handle(self, line: str) -> str | None:
        """The reply to one input line; None means the session is over."""
        try:
            words = shlex.split(line)
        except ValueError:
            words = line.split()
        if not words:
            return ""
        name, args = words[0].lower(), words[1:]
        if name in ("exit", "bye"):
            name = "quit"
        if name not in self.long_input and pasted_question(line):
            name, args = PASTED_TO, [line]
        elif name not in self.commands:
            return f"Unknown command '{name}'. Type 'help' to see what I can do."
        elif name in self.whole_text:
            args = [_after_first_word(line)]
        try:
            reply = self.commands[name][0](self, args)
            return await reply if inspect.isawaitable(reply) else reply
        except REFUSALS as error:
            return str(error)
        except Exception as error:
            record(error, f"console command {name!r} failed")
            return f"Sorry: '{name}' failed unexpectedly ({one_line(error)}). The console goes on; --debug shows the details."

    async def run(self, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout, *, color: bool = True) -> int:
        """Serve until `quit` or the end of input. A terminal on both ends gets line editing, history, completion
        and (unless `color` is False or NO_COLOR is set) colour; anything else reads and writes plain lines."""
        if stdin.isatty() and stdout.isatty():
            from bot.console.terminal import run_terminal  # prompt_toolkit is loaded only for a terminal

            return await run_terminal(self, stdin, stdout, color=color)
        interactive = stdin.isatty()
        if interactive:
            print(f"StudyBot console ({self.app.kb.summary()}). Type 'help'.", file=stdout)
        while True:
            if interactive:
                print("> ", end="", file=stdout, flush=True)
            line = read_line(stdin)
            if line is None:
                return 0
            reply = await self.handle(line.strip())
            if reply is None:
                return 0
            if reply:
                print(reply, file=stdout, flush=True)


def pasted_question(line: str) -> bool:
    """A question pasted with no command before it: several lines, or as many words as a pasted exam question."""
    return "\n" in line.strip() or len(line.split()) >= MIN_WORDS


def _after_first_word(line: str) -> str:
    """The line after its first word, as typed or pasted: line breaks and quotes kept."""
    parts = line.strip().split(maxsplit=1)
    return parts[1] if len(parts) > 1 else ""


def _help(console: Console, args: list[str]) -> str:
    ordered = sorted(console.commands.items(), key=lambda item: item[0] in ("help", "quit"))  # features first
    usages = [(f"  {name} {usage}".rstrip(), about) for name, (_, usage, about) in ordered]
    width = max(len(usage) for usage, _ in usages) + 2
    return "Commands:\n" + "\n".join(usage.ljust(width) + about for usage, about in usages)


def _quit(console: Console, args: list[str]) -> None:
    return None
