"""`studybot chat`: a local console over the application layer, interactive or scripted on stdin."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from typing import TextIO

from bot.app.study import StudyApp

Handler = Callable[["Console", list[str]], str | None]


class Console:
    """Reads one command a line and writes its reply; unknown input gets help, never a traceback."""

    def __init__(self, app: StudyApp) -> None:
        self.app = app
        self.commands: dict[str, tuple[Handler, str, str]] = {}
        self.register("help", _help, "", "list the commands")
        self.register("quit", _quit, "", "leave the console (end of input works too)")

    def register(self, name: str, handler: Handler, usage: str, about: str) -> None:
        self.commands[name] = (handler, usage, about)

    def handle(self, line: str) -> str | None:
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
        if name not in self.commands:
            return f"Unknown command '{name}'. Type 'help' to see what I can do."
        return self.commands[name][0](self, args)

    def run(self, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
        interactive = stdin.isatty()
        if interactive:
            print(f"StudyBot console ({self.app.kb.summary()}). Type 'help'.", file=stdout)
        while True:
            if interactive:
                print("> ", end="", file=stdout, flush=True)
            line = stdin.readline()
            if not line:
                return 0
            reply = self.handle(line.strip())
            if reply is None:
                return 0
            if reply:
                print(reply, file=stdout, flush=True)


def _help(console: Console, args: list[str]) -> str:
    rows = [f"  {name} {usage}".ljust(28) + about for name, (_, usage, about) in console.commands.items()]
    return "Commands:\n" + "\n".join(rows)


def _quit(console: Console, args: list[str]) -> None:
    return None
