"""The local console: `Console` plus the command groups registered on it."""

from __future__ import annotations

from bot.app.study import StudyApp
from bot.console import ask, exam, knowledge, learning
from bot.console.repl import Console

COMMAND_GROUPS = (knowledge, ask, learning, exam)


def build_console(app: StudyApp) -> Console:
    console = Console(app)
    for group in COMMAND_GROUPS:
        group.register(console)
    return console
