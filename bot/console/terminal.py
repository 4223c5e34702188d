"""The console on a terminal: line editing, history, Tab completion and styled replies, through prompt_toolkit.

Only `Console.run` comes here, and only when stdin and stdout are both a terminal; piped use never loads this.
"""

from __future__ import annotations

import os
from functools import partial
from typing import TextIO

from prompt_toolkit import PromptSession, print_formatted_text
from prompt_toolkit.formatted_text import ANSI
from prompt_toolkit.input import create_input
from prompt_toolkit.output import ColorDepth, create_output

from bot.console.completion import ConsoleCompleter
from bot.console.history import open_history
from bot.console.look import Look
from bot.console.repl import Console
from bot.limits import LINE_CHARS

PROMPT = "> "


def wants_color(color: bool) -> bool:
    """Colour unless turned off: `--no-color`, NO_COLOR set to anything (no-color.org), or a dumb terminal."""
    return color and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


async def run_terminal(console: Console, stdin: TextIO, stdout: TextIO, *, color: bool = True) -> int:
    """Serve the console until `quit` or Ctrl-D; Ctrl-C drops the line being typed."""
    color = wants_color(color)
    history, note = open_history()
    depth = None if color else ColorDepth.MONOCHROME  # None: prompt_toolkit's own choice for the terminal
    session: PromptSession[str] = PromptSession(
        history=history, completer=ConsoleCompleter(console), complete_while_typing=False,
        input=create_input(stdin), output=create_output(stdout), color_depth=depth,
    )
    say = partial(print_formatted_text, output=session.output, color_depth=depth)
    say(f"StudyBot console ({console.app.kb.summary()}). Type 'help'; Tab completes, Up recalls, Ctrl-D quits.")
    if note:
        say(note)
    while True:
        try:
            line = await session.prompt_async(PROMPT)
        except KeyboardInterrupt:
            continue
        except EOFError:
            return 0
        console.look = Look(session.output.get_size().columns, color)
        reply = await console.handle(line[:LINE_CHARS].strip())
        if reply is None:
            return 0
        if reply:
            say(ANSI(reply) if color else reply)
